//! Portal-page variants: one real report page dressed the ways other portals dress theirs
//! (in markup: layout, encoding, pasted images and styles), to check that the cheap
//! locating step (`gxbg::locate`) keeps finding the report body, and stays cheap, on page
//! shapes the repository has no real page of.
//!
//! Used by `crates/gxbg/tests/portal_variants.rs` (every variant parses to the same report
//! as its source page) and by the `portal_variants` bench binary, which writes them out for
//! the comparison harness (`scripts/bench.sh --variants`).
//!
//! Each variant changes only markup the reader does not see, so the report it yields must
//! be the source page's, byte for byte (only `encoding` differs for the GBK copy).

/// The variants of `page` (a UTF-8 HTML page with a `<body>` and a report whose section
/// 一 heading contains 总体情况): `(name, bytes)`, in a fixed order. `None` when `page`
/// lacks what the variants are built around.
pub fn variants(page: &str) -> Option<Vec<(&'static str, Vec<u8>)>> {
    let body_open = page.find("<body")?;
    let body_start = body_open + page[body_open..].find('>')? + 1;
    let body_end = page.rfind("</body>")?;
    let anchor = page.find("总体情况")?;
    // The paragraph (or other element) the report's first heading sits in.
    let first_p = page[..anchor].rfind("<p")?;
    let head_end = page.find("</head>")?;
    let body = &page[body_start..body_end];

    let mut out: Vec<(&'static str, Vec<u8>)> = Vec::new();

    // Old portals lay the whole page out with nested tables; navigation is a table of links.
    let nav = {
        let mut s = String::from("<table width=\"100%\" class=\"nav\">");
        for i in 0..30 {
            s.push_str("<tr>");
            for j in 0..10 {
                s.push_str(&format!("<td><a href=\"/lm/{i}_{j}.htm\">栏目{i}-{j}</a></td>"));
            }
            s.push_str("</tr>");
        }
        s.push_str("</table>");
        s
    };
    out.push((
        "layout-tables",
        format!(
            "{}<table width=\"1000\" align=\"center\"><tr><td>{nav}</td></tr><tr><td><table width=\"100%\"><tr><td width=\"200\">{nav}</td><td><table><tr><td>{body}</td></tr></table></td></tr></table></td></tr></table>{}",
            &page[..body_start],
            &page[body_end..]
        )
        .into_bytes(),
    ));

    // An image pasted into the report as a 300 KB data: URI.
    out.push((
        "data-uri-image",
        format!("{}<p><img src=\"data:image/png;base64,{}\"></p>{}", &page[..first_p], base64ish(300_000), &page[first_p..]).into_bytes(),
    ));

    // The page in GBK (characters GBK lacks as numeric references, as a GBK portal writes them).
    let gbk_page = page.replacen("charset=\"utf-8\"", "charset=\"gbk\"", 1).replacen("charset=utf-8", "charset=gbk", 1);
    let (bytes, _, _) = encoding_rs::GBK.encode(&gbk_page);
    out.push(("gbk", bytes.into_owned()));

    // A Word export's style sheet (~150 KB of mso rules) and conditional XML in <head>.
    let mut style = String::from("<style><!--\n");
    for i in 0..1200 {
        style.push_str(&format!(
            "p.MsoNormal{i}, li.MsoNormal{i} {{mso-style-parent:\"\";margin:0cm;font-size:10.5pt;font-family:\"Calibri\",sans-serif;mso-font-kerning:1.0pt;}}\n"
        ));
    }
    style.push_str("--></style><!--[if gte mso 9]><xml><o:shapedefaults v:ext=\"edit\" spidmax=\"1026\"/></xml><![endif]-->");
    out.push(("word-style", format!("{}{style}{}", &page[..head_end], &page[head_end..]).into_bytes()));

    // Upper-case tag names and unquoted span attributes (old editors).
    out.push(("upper-case", upper_case_markup(page).into_bytes()));

    // 60 KB of share/related links in the report's own container, just before its first heading.
    let mut links = String::from("<div class=\"share\">");
    for k in 0..1500 {
        links.push_str(&format!("<span><a href=\"/fx/{k}.htm\">分享链接{k}</a></span>"));
    }
    links.push_str("</div>");
    out.push(("share-links", format!("{}{links}{}", &page[..first_p], &page[first_p..]).into_bytes()));

    Some(out)
}

/// `n` characters of base64 alphabet from a fixed linear congruential sequence.
fn base64ish(n: usize) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|_| {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            ALPHABET[(x >> 58) as usize] as char
        })
        .collect()
}

/// Tag names of table, tr, td, tbody, p, span and div in upper case; `colspan="N"` and
/// `rowspan="N"` as `COLSPAN=N`, `ROWSPAN=N`.
fn upper_case_markup(page: &str) -> String {
    const NAMES: [&str; 7] = ["table", "tbody", "tr", "td", "p", "span", "div"];
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let slash = usize::from(rest[1..].starts_with('/'));
        let name_start = 1 + slash;
        let name_len = rest[name_start..].bytes().take_while(u8::is_ascii_alphanumeric).count();
        let name = &rest[name_start..name_start + name_len];
        let tag_end = rest.find('>').map_or(rest.len(), |j| j + 1);
        if NAMES.contains(&name) {
            let mut tag = format!("<{}{}", if slash == 1 { "/" } else { "" }, name.to_ascii_uppercase());
            let mut attrs = &rest[name_start + name_len..tag_end];
            for span in ["colspan=\"", "rowspan=\""] {
                while let Some(k) = attrs.find(span) {
                    let digits = attrs[k + span.len()..].bytes().take_while(u8::is_ascii_digit).count();
                    if !attrs[k + span.len() + digits..].starts_with('"') {
                        break;
                    }
                    tag.push_str(&attrs[..k]);
                    tag.push_str(&span[..span.len() - 2].to_ascii_uppercase());
                    tag.push('=');
                    tag.push_str(&attrs[k + span.len()..k + span.len() + digits]);
                    attrs = &attrs[k + span.len() + digits + 1..];
                }
            }
            tag.push_str(attrs);
            out.push_str(&tag);
        } else {
            out.push_str(&rest[..tag_end]);
        }
        rest = &rest[tag_end..];
    }
    out.push_str(rest);
    out
}
