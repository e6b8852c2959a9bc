//! Code point offsets (the Document's) to byte offsets (Rust's `str` slicing).

pub struct CharOffsets {
    /// Byte offset of every character, plus the text length at the end.
    byte_of_char: Vec<usize>,
}

impl CharOffsets {
    pub fn new(text: &str) -> CharOffsets {
        let mut byte_of_char: Vec<usize> = text.char_indices().map(|(byte, _)| byte).collect();
        byte_of_char.push(text.len());
        CharOffsets { byte_of_char }
    }

    /// Byte offset of code point `index`, clamped to the text.
    pub fn byte(&self, index: usize) -> usize {
        let last = self.byte_of_char.len() - 1;
        self.byte_of_char[index.min(last)]
    }
}
