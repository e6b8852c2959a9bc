//! The CLI contract of DESIGN.md, exercised through the real binary.

use std::io::Write;
use std::process::{Command, Stdio};

fn dateline(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the dateline binary runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let output = child.wait_with_output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

const SEED: &str = include_str!("../../../samples/us-forces-syria-2021.txt");

#[test]
fn analyzes_a_file_into_one_document() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../samples/us-forces-syria-2021.txt"
    );
    let (code, stdout, stderr) = dateline(&["analyze", path], b"");
    assert_eq!(code, 0, "{stderr}");
    let document: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(document["schema"], "dateline/1");
    assert_eq!(document["meta"]["published"], "2021-06-29");
    assert_eq!(document["meta"]["dct_source"], "text");
    // Offsets are code points into the analysed text.
    let text: Vec<char> = document["text"].as_str().unwrap().chars().collect();
    let mentions = document["mentions"].as_array().unwrap();
    assert!(!mentions.is_empty());
    for mention in mentions {
        let start = mention["start"].as_u64().unwrap() as usize;
        let end = mention["end"].as_u64().unwrap() as usize;
        let slice: String = text[start..end].iter().collect();
        assert_eq!(slice, mention["text"].as_str().unwrap());
    }
}

#[test]
fn dct_flag_wins_over_the_text() {
    let (code, stdout, _) = dateline(&["analyze", "--dct", "2021-07-01", "-"], SEED.as_bytes());
    assert_eq!(code, 0);
    let document: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(document["meta"]["published"], "2021-07-01");
    assert_eq!(document["meta"]["dct_source"], "given");
}

#[test]
fn jsonl_prints_a_line_per_input_in_order() {
    let input = format!(
        "{}\n{}\n{}\n",
        serde_json::json!({"id": "seed", "text": SEED}),
        "{broken",
        serde_json::json!({"id": "two", "text": "Protesters marched in Paris on Saturday.", "dct": "2020-01-05"})
    );
    let (code, stdout, _) = dateline(&["analyze", "--jsonl"], input.as_bytes());
    assert_eq!(code, 0);
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "seed");
    assert!(lines[1]["error"].is_string());
    assert_eq!(lines[2]["id"], "two");
    assert_eq!(lines[2]["meta"]["published"], "2020-01-05");
}

#[test]
fn unreadable_input_exits_2_with_a_message() {
    let (code, stdout, stderr) = dateline(&["analyze", "/nonexistent/story.txt"], b"");
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("cannot read /nonexistent/story.txt"),
        "{stderr}"
    );

    let (code, _, stderr) = dateline(&["analyze", "-"], &[0x66, 0xff, 0xfe, 0x00]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not UTF-8"), "{stderr}");

    let (code, _, stderr) = dateline(&["analyze", "--dct", "yesterday"], b"");
    assert_eq!(code, 2);
    assert!(stderr.contains("YYYY-MM-DD"), "{stderr}");
}
