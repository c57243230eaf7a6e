//! Markdown body → plain-text [`Block`]s with byte offsets into the file.
//!
//! The one place pulldown-cmark is configured. A block is a paragraph, heading,
//! list item, table row or block-quote paragraph; inline markup is dropped and
//! its text kept; soft and hard line breaks become `\n` (scraped plain text
//! uses them for table rows and bullets, so later stages decide what they mean).
//! Every piece of text remembers where it came from, so segments know their
//! line in the file.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// What kind of Markdown block the text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph (also code blocks and raw HTML: scraped text lands there too).
    Paragraph,
    /// A `#` or underlined heading.
    Heading,
    /// A list item.
    ListItem,
    /// A table row (cells joined with ` | `).
    TableRow,
    /// A paragraph inside a block quote.
    Quote,
}

/// One block of plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Its kind.
    pub kind: BlockKind,
    /// The plain text; line breaks inside the block are `\n`.
    pub text: String,
    /// `(offset in text, offset in file)` at the start of every piece of text, ascending.
    pieces: Vec<(usize, usize)>,
}

impl Block {
    fn new(kind: BlockKind) -> Self {
        Block {
            kind,
            text: String::new(),
            pieces: Vec::new(),
        }
    }

    fn push(&mut self, text: &str, file_offset: usize) {
        self.pieces.push((self.text.len(), file_offset));
        self.text.push_str(text);
    }

    /// Byte offset in the file of a byte offset in this block's text.
    pub fn file_offset(&self, offset: usize) -> usize {
        let index = self.pieces.partition_point(|&(start, _)| start <= offset);
        match index.checked_sub(1).and_then(|i| self.pieces.get(i)) {
            Some(&(start, file)) => file + (offset - start),
            None => self.pieces.first().map_or(0, |&(_, file)| file),
        }
    }
}

/// Parse a Markdown body into blocks. `body_start` is the body's offset in the
/// file, added to every offset so they are file offsets.
pub fn blocks(body: &str, body_start: usize) -> Vec<Block> {
    let parser = Parser::new_ext(body, Options::ENABLE_TABLES);
    let mut builder = Builder::default();
    for (event, range) in parser.into_offset_iter() {
        builder.event(event, body_start + range.start);
    }
    builder.flush();
    builder.blocks
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    current: Option<Block>,
    item_depth: usize,
    quote_depth: usize,
    in_image: bool,
}

impl Builder {
    fn flush(&mut self) {
        if let Some(block) = self.current.take()
            && !block.text.trim().is_empty()
        {
            self.blocks.push(block);
        }
    }

    fn open(&mut self, kind: BlockKind) {
        self.flush();
        self.current = Some(Block::new(kind));
    }

    fn paragraph_kind(&self) -> BlockKind {
        if self.item_depth > 0 {
            BlockKind::ListItem
        } else if self.quote_depth > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        }
    }

    fn text(&mut self, text: &str, offset: usize) {
        if self.in_image {
            return;
        }
        let kind = self.paragraph_kind();
        self.current
            .get_or_insert_with(|| Block::new(kind))
            .push(text, offset);
    }

    fn event(&mut self, event: Event<'_>, offset: usize) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Code(text) | Event::InlineHtml(text) | Event::Html(text) => {
                self.text(&text, offset);
            }
            Event::SoftBreak | Event::HardBreak => self.text("\n", offset),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph | Tag::CodeBlock(_) | Tag::HtmlBlock => {
                let kind = self.paragraph_kind();
                self.open(kind);
            }
            Tag::Heading { .. } => self.open(BlockKind::Heading),
            Tag::Item => {
                self.item_depth += 1;
                self.open(BlockKind::ListItem);
            }
            Tag::List(_) => self.flush(),
            Tag::BlockQuote(_) => {
                self.quote_depth += 1;
                self.flush();
            }
            Tag::TableHead | Tag::TableRow => self.open(BlockKind::TableRow),
            Tag::Image { .. } => self.in_image = true,
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::Heading(_)
            | TagEnd::TableHead
            | TagEnd::TableRow => self.flush(),
            TagEnd::Item => {
                self.flush();
                self.item_depth = self.item_depth.saturating_sub(1);
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::TableCell => {
                if let Some(block) = self.current.as_mut() {
                    block.text.push_str(" | ");
                }
            }
            TagEnd::Image => self.in_image = false,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_items_and_offsets() {
        let body = "First para\nsecond line.\n\n- item one\n- item two\n\n# Title\n";
        let blocks = blocks(body, 100);
        let kinds: Vec<_> = blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            kinds,
            vec![
                (BlockKind::Paragraph, "First para\nsecond line."),
                (BlockKind::ListItem, "item one"),
                (BlockKind::ListItem, "item two"),
                (BlockKind::Heading, "Title"),
            ]
        );
        let second = &blocks[0];
        let at = second.text.find("second").unwrap_or(0);
        assert_eq!(
            second.file_offset(at),
            100 + body.find("second").unwrap_or(0)
        );
    }

    #[test]
    fn tables_become_rows() {
        let body = "| a | b |\n|---|---|\n| 1 | 2 |\n";
        let rows: Vec<_> = blocks(body, 0).into_iter().map(|b| b.text).collect();
        assert_eq!(rows, vec!["a | b | ", "1 | 2 | "]);
    }

    #[test]
    fn quotes_are_marked() {
        let blocks = blocks("> \u{201C}We have progress,\u{201D} he said.\n", 0);
        assert_eq!(blocks[0].kind, BlockKind::Quote);
    }
}
