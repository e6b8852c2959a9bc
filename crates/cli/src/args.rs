//! Command-line arguments, by hand: four flags do not pay for an argument-parser crate.

use dateline_engine::calendar::CalendarDate;

#[derive(Debug, PartialEq)]
pub enum Command {
    Analyze(AnalyzeArgs),
    Help,
}

#[derive(Debug, Default, PartialEq)]
pub struct AnalyzeArgs {
    pub jsonl: bool,
    pub pretty: bool,
    pub dct: Option<CalendarDate>,
    pub input: Option<String>,
}

pub fn parse(argv: &[String]) -> Result<Command, String> {
    let Some(first) = argv.first() else {
        return Ok(Command::Help);
    };
    match first.as_str() {
        "analyze" => {}
        "help" | "--help" | "-h" => return Ok(Command::Help),
        other => return Err(format!("unknown command {other:?}")),
    }
    let mut args = AnalyzeArgs::default();
    let mut rest = argv[1..].iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--jsonl" => args.jsonl = true,
            "--pretty" => args.pretty = true,
            "--dct" => {
                let value = rest.next().ok_or("--dct needs a date, YYYY-MM-DD")?;
                args.dct = Some(parse_date(value)?);
            }
            "-h" | "--help" => return Ok(Command::Help),
            flag if flag.starts_with("--dct=") => args.dct = Some(parse_date(&flag[6..])?),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag:?}")),
            path => {
                if args.input.is_some() {
                    return Err("give at most one input file".into());
                }
                args.input = Some(path.to_string());
            }
        }
    }
    if args.jsonl && args.dct.is_some() {
        return Err("--dct does not go with --jsonl: give \"dct\" on each line".into());
    }
    Ok(Command::Analyze(args))
}

fn parse_date(value: &str) -> Result<CalendarDate, String> {
    let valid_shape =
        value.len() == 10 && value.as_bytes()[4] == b'-' && value.as_bytes()[7] == b'-';
    CalendarDate::parse(value)
        .filter(|_| valid_shape)
        .ok_or_else(|| format!("--dct {value:?} is not a date of the form YYYY-MM-DD"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_words(words: &str) -> Result<Command, String> {
        parse(
            &words
                .split_whitespace()
                .map(String::from)
                .collect::<Vec<_>>(),
        )
    }

    #[test]
    fn parses_the_contract_forms() {
        assert_eq!(
            parse_words("analyze --dct 2021-06-29 story.txt"),
            Ok(Command::Analyze(AnalyzeArgs {
                dct: CalendarDate::new(2021, 6, 29),
                input: Some("story.txt".into()),
                ..AnalyzeArgs::default()
            }))
        );
        assert_eq!(
            parse_words("analyze --jsonl -"),
            Ok(Command::Analyze(AnalyzeArgs {
                jsonl: true,
                input: Some("-".into()),
                ..AnalyzeArgs::default()
            }))
        );
        assert_eq!(parse_words(""), Ok(Command::Help));
    }

    #[test]
    fn rejects_bad_arguments_with_a_reason() {
        assert!(parse_words("analyze --dct 29/06/2021")
            .unwrap_err()
            .contains("YYYY-MM-DD"));
        assert!(parse_words("analyze --dct 2021-02-30").is_err());
        assert!(parse_words("analyze --dct").is_err());
        assert!(parse_words("analyse")
            .unwrap_err()
            .contains("unknown command"));
        assert!(parse_words("analyze a b").is_err());
        assert!(parse_words("analyze --frobnicate").is_err());
    }
}
