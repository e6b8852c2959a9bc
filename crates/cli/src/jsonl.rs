//! `--jsonl`: one analysis per input line, in input order, and a bad line never stops
//! the run (it prints `{"id", "error"}` instead).

use std::io::Write;

use dateline_engine::calendar::CalendarDate;
use dateline_engine::{AnalyzeOptions, Engine};
use serde_json::{Map, Value};

pub fn run(engine: &Engine, input: &str, out: &mut impl Write) -> std::io::Result<()> {
    for (line_idx, line) in input.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let output = analyze_line(engine, line, line_idx + 1);
        writeln!(out, "{output}")?;
    }
    Ok(())
}

fn analyze_line(engine: &Engine, line: &str, line_number: usize) -> Value {
    let parsed: Value = match serde_json::from_str(line) {
        Ok(value) => value,
        Err(error) => {
            return error_line(
                Value::Null,
                format!("line {line_number} is not JSON: {error}"),
            )
        }
    };
    let id = parsed.get("id").cloned().unwrap_or(Value::Null);
    let Some(text) = parsed.get("text").and_then(Value::as_str) else {
        return error_line(id, format!("line {line_number} has no \"text\" string"));
    };
    let dct = match parsed.get("dct") {
        None | Some(Value::Null) => None,
        Some(Value::String(value)) => match CalendarDate::parse(value) {
            Some(date) => Some(date),
            None => {
                return error_line(
                    id,
                    format!("line {line_number}: \"dct\" {value:?} is not a YYYY-MM-DD date"),
                )
            }
        },
        Some(other) => {
            return error_line(
                id,
                format!("line {line_number}: \"dct\" must be a string, not {other}"),
            )
        }
    };
    let document = engine.analyze(
        text,
        &AnalyzeOptions {
            dct,
            ..Default::default()
        },
    );
    let mut object = Map::new();
    object.insert("id".into(), id.clone());
    match serde_json::to_value(document) {
        Ok(Value::Object(fields)) => object.extend(fields),
        _ => {
            return error_line(
                id,
                format!("line {line_number}: the analysis could not be serialised"),
            )
        }
    }
    Value::Object(object)
}

fn error_line(id: Value, message: String) -> Value {
    serde_json::json!({ "id": id, "error": message })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_lines(input: &str) -> Vec<Value> {
        let mut out = Vec::new();
        run(&Engine::new(), input, &mut out).unwrap();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect()
    }

    #[test]
    fn keeps_order_and_ids_and_goes_on_after_bad_lines() {
        let input = concat!(
            r#"{"id": "a", "text": "Troops came under fire in Syria on Monday.", "dct": "2021-06-29"}"#,
            "\n",
            "not json\n",
            r#"{"id": 7, "text": 3}"#,
            "\n",
            r#"{"id": "d", "text": "x", "dct": "June"}"#,
            "\n",
            r#"{"id": "e", "text": ""}"#,
            "\n",
        );
        let lines = run_lines(input);
        assert_eq!(lines.len(), 5);
        assert_eq!(lines[0]["id"], "a");
        assert_eq!(lines[0]["schema"], "dateline/1");
        assert_eq!(lines[0]["meta"]["published"], "2021-06-29");
        assert_eq!(lines[0]["meta"]["dct_source"], "given");
        assert!(lines[1]["error"].as_str().unwrap().contains("not JSON"));
        assert_eq!(lines[2]["id"], 7);
        assert!(lines[2]["error"].as_str().unwrap().contains("text"));
        assert!(lines[3]["error"].as_str().unwrap().contains("dct"));
        assert_eq!(lines[4]["id"], "e");
        assert!(lines[4]["diagnostics"].to_string().contains("empty"));
    }
}
