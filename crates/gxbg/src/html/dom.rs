//! The reference path: html5ever (through scraper) builds the DOM, and a walk turns it into
//! the same [`Item`]s as the streaming builder, with the same rules: block elements (see
//! [`Tag::is_block`]) and `<br>` end lines; `script`, `style`, `title`, `textarea`,
//! `iframe`, `noscript`, `noembed`, `noframes`, `template`, `select` and `head` render
//! nothing; tables become [`TableNode`]s.

use super::lex::Tag;
use super::model::{colspan_of, rowspan_of, CellNode, Item, LineBuf, SectionKind, SectionNode, TableNode};
use ego_tree::NodeRef;
use scraper::{Html, Node};

struct Ctx {
    items: Vec<Item>,
    line: LineBuf,
}

impl Ctx {
    fn new() -> Self {
        Ctx { items: Vec::new(), line: LineBuf::default() }
    }
    fn boundary(&mut self) {
        self.line.flush(&mut self.items);
    }
}

fn tag_of(n: &NodeRef<Node>) -> Option<Tag> {
    match n.value() {
        Node::Element(e) => Some(Tag::from_name(e.name().as_bytes())),
        _ => None,
    }
}

/// Items of a parsed document (or fragment).
pub(crate) fn items(html: &Html) -> Vec<Item> {
    let mut ctx = Ctx::new();
    walk_children(html.tree.root(), &mut ctx, 0);
    ctx.boundary();
    ctx.items
}

const MAX_DEPTH: usize = 2000;

fn walk_children(n: NodeRef<Node>, ctx: &mut Ctx, depth: usize) {
    for child in n.children() {
        walk(child, ctx, depth + 1);
    }
}

fn walk(n: NodeRef<Node>, ctx: &mut Ctx, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match n.value() {
        Node::Text(t) => ctx.line.push(t),
        Node::Element(e) => {
            let tag = Tag::from_name(e.name().as_bytes());
            match tag {
                t if t.is_invisible() || t == Tag::Select => {}
                Tag::Br => ctx.boundary(),
                Tag::Table => {
                    let node = table(n, depth);
                    ctx.boundary();
                    ctx.items.push(Item::Table(Box::new(node)));
                }
                t if t.is_block() => {
                    ctx.boundary();
                    walk_children(n, ctx, depth);
                    ctx.boundary();
                }
                _ => walk_children(n, ctx, depth),
            }
        }
        _ => walk_children(n, ctx, depth),
    }
}

fn table(n: NodeRef<Node>, depth: usize) -> TableNode {
    let mut t = TableNode::default();
    let mut anon: Option<SectionNode> = None;
    for child in n.children() {
        let Some(tag) = tag_of(&child) else { continue };
        if tag != Tag::Tr {
            if let Some(s) = anon.take() {
                t.sections.push(s);
            }
        }
        match tag {
            Tag::Caption => {
                let mut c = Ctx::new();
                walk_children(child, &mut c, depth + 1);
                c.boundary();
                t.caption.append(&mut c.items);
            }
            Tag::Thead | Tag::Tbody | Tag::Tfoot => {
                let kind = match tag {
                    Tag::Thead => SectionKind::Head,
                    Tag::Tfoot => SectionKind::Foot,
                    _ => SectionKind::Body,
                };
                let mut s = SectionNode { kind, rows: Vec::new() };
                for r in child.children() {
                    if tag_of(&r) == Some(Tag::Tr) {
                        s.rows.push(row(r, depth + 2));
                    }
                }
                t.sections.push(s);
            }
            Tag::Tr => anon.get_or_insert(SectionNode { kind: SectionKind::Body, rows: Vec::new() }).rows.push(row(child, depth + 1)),
            _ => {}
        }
    }
    if let Some(s) = anon.take() {
        t.sections.push(s);
    }
    t
}

fn row(n: NodeRef<Node>, depth: usize) -> Vec<CellNode> {
    let mut cells = Vec::new();
    for c in n.children() {
        let Node::Element(e) = c.value() else { continue };
        let tag = Tag::from_name(e.name().as_bytes());
        if !matches!(tag, Tag::Td | Tag::Th) {
            continue;
        }
        let mut ctx = Ctx::new();
        walk_children(c, &mut ctx, depth + 1);
        ctx.boundary();
        cells.push(CellNode {
            header: tag == Tag::Th,
            colspan: colspan_of(e.attr("colspan")),
            rowspan: rowspan_of(e.attr("rowspan")),
            items: ctx.items,
            text: None,
        });
    }
    cells
}
