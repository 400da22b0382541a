use super::*;

fn figs(s: &str) -> Vec<(String, f64)> {
    let out = figures(s);
    for f in &out {
        // Every raw is found at its character offset.
        let at: String = s.chars().skip(f.offset).take(f.raw.chars().count()).collect();
        assert_eq!(at, f.raw, "offset of {f:?}");
        assert!(f.sentence.contains(&f.raw), "{f:?}");
    }
    out.into_iter().map(|f| (f.key, f.value.as_f64())).collect()
}

fn kv(pairs: &[(&str, f64)]) -> Vec<(String, f64)> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

#[test]
fn full_request_paragraph() {
    let s = "2023年，本机关共收到政府信息公开申请125件，其中自然人申请120件，法人或其他组织申请5件；上年结转申请3件。\
             本年度办结128件，其中予以公开45件，部分公开20件，不予公开10件，无法提供40件，不予处理8件，其他处理5件；\
             结转下年度继续办理0件。";
    assert_eq!(
        figs(s),
        kv(&[
            ("requests.new_received.total", 125.0),
            ("requests.new_received.natural_person", 120.0),
            ("requests.new_received.organizations", 5.0),
            ("requests.carried_over.total", 3.0),
            ("requests.results_total.total", 128.0),
            ("requests.granted.total", 45.0),
            ("requests.partially_granted.total", 20.0),
            ("requests.denied.total", 10.0),
            ("requests.unavailable.total", 40.0),
            ("requests.rejected.total", 8.0),
            ("requests.other_handling.total", 5.0),
            ("requests.carried_forward.total", 0.0),
        ])
    );
}

#[test]
fn raw_and_offset() {
    let s = "一、总体情况\n全年新收到政府信息公开申请8643件,比2022年增加6.1%。";
    let f = figures(s);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].raw, "新收到政府信息公开申请8643件");
    assert_eq!(f[0].offset, 9);
    assert_eq!(f[0].unit.as_deref(), Some("件"));
    assert_eq!(f[0].sentence, "全年新收到政府信息公开申请8643件,比2022年增加6.1%。");
    assert_eq!(f[0].offset_in, TextRef::Normalized);
}

#[test]
fn percentages_and_changes_are_not_figures() {
    assert_eq!(figs("全年共受理政府信息公开申请46件，同比增长15%，均在法定期限内予以答复。"), kv(&[("requests.new_received.total", 46.0)]));
    assert!(figs("收到申请数量较上年减少12件。").is_empty());
    assert!(figs("政府信息公开申请办结率100%。").is_empty());
    assert!(figs("其中予以公开占32.3%，不予公开占7.7%。").is_empty());
    assert!(figs("依申请公开件比上年增长59件，同比增长23%。").is_empty());
    assert!(figs("平均办理时间为5个工作日。").is_empty());
}

#[test]
fn other_counts_are_not_request_figures() {
    for s in [
        "2023年，辽源市政府门户网站发布各类政务信息5468条，维护专栏29个。",
        "2024年市政府网站主动公开政府信息22.3万条，点击量90998020次。",
        "共处理办事服务事项13245件，收到留言336条，办结留言336条，办结率达到100%。",
        "收到政协提案641件，经审查立案475件。",
        "围绕“高效办成一件事”大力提升行政效能。",
        "组织公众代表和利益相关方列席会议活动300余场，开展“政府开放日”活动200余次。",
        "坚持第一时间登记受理、第一时间转送承办单位和第一时间回复申请的“三个一”工作机制。",
        "本年度共办理依申请公开事项56件。",
        "2024年以来，全市共办理群众信息公开申请668件。",
        "内容包括总体情况,政府信息公开行政复议、行政诉讼情况,其他需要报告的事项6个部分组成。",
    ] {
        assert!(figs(s).is_empty(), "{s}: {:?}", figs(s));
    }
}

#[test]
fn approximations_are_not_figures() {
    assert!(figs("全年共收到政府信息公开申请300余件。").is_empty());
    assert!(figs("全年共收到政府信息公开申请近300件。").is_empty());
    assert!(figs("全年共收到政府信息公开申请约1.2万件。").is_empty());
    assert!(figs("全年共收到政府信息公开申请100件以上。").is_empty());
}

#[test]
fn number_formats() {
    assert_eq!(figs("全年共收到政府信息公开申请1,234件。"), kv(&[("requests.new_received.total", 1234.0)]));
    assert_eq!(
        figs("本年度新收政府信息公开申请二十三件，上年结转两件。"),
        kv(&[("requests.new_received.total", 23.0), ("requests.carried_over.total", 2.0)])
    );
    assert_eq!(figs("共收到政府信息公开申请一百零五件。"), kv(&[("requests.new_received.total", 105.0)]));
    assert_eq!(figs("共收到政府信息公开申请 12 件。"), kv(&[("requests.new_received.total", 12.0)]));
    let f = figures("本年度共收取信息处理费0.5万元。");
    assert_eq!((f[0].key.as_str(), f[0].value, f[0].unit.as_deref()), (KEY_FEES_YUAN, Number::Int(5000), Some("元")));
    let f = figures("共收取信息处理费12.5元。");
    assert_eq!(f[0].value, Number::Dec(12.5));
}

#[test]
fn number_before_noun() {
    let s = "本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。";
    let f = figures(s);
    assert_eq!(
        f.iter().map(|f| (f.key.as_str(), f.raw.as_str())).collect::<Vec<_>>(),
        [
            ("requests.new_received.total", "共收到70件申请"),
            ("requests.results_total.total", "办结69件"),
            ("requests.carried_forward.total", "1件结转下年度继续办理"),
        ]
    );
    assert_eq!(
        figs("受理8件因政府信息公开申请提起的行政诉讼。"),
        kv(&[(KEY_SUIT_TOTAL, 8.0)])
    );
}

#[test]
fn carried_over_and_forward_by_year() {
    let s = "全年新收到政府信息公开申请8643件,2022年结转至2023年政府信息公开申请183件,共办结8550件,按规定结转至2024年继续办理276件。";
    assert_eq!(
        figs(s),
        kv(&[
            ("requests.new_received.total", 8643.0),
            ("requests.carried_over.total", 183.0),
            ("requests.results_total.total", 8550.0),
            ("requests.carried_forward.total", 276.0),
        ])
    );
    assert_eq!(
        figs("收到申请20件，2022年度结转的申请3件，结转至下一年度继续办理的申请2件。"),
        kv(&[
            ("requests.new_received.total", 20.0),
            ("requests.carried_over.total", 3.0),
            ("requests.carried_forward.total", 2.0),
        ])
    );
}

#[test]
fn quoted_results() {
    let s = "从申请答复看,“予以公开”2764件,占32.3%;“部分公开”1129件,占13.2%;“不予公开”657件,占7.7%;“无法提供”3431件,占40.1%;“不予处理”165件,占2.0%;“其他处理”404件,占4.7%。";
    let f = figures(s);
    assert_eq!(f.len(), 6);
    assert_eq!(f[0].raw, "“予以公开”2764件");
    assert_eq!(f[5].key, "requests.other_handling.total");
}

#[test]
fn combined_results() {
    assert_eq!(figs("其中予以公开174件，不予处理和其他处理14件。")[1], (KEY_REJECTED_OR_OTHER_TOTAL.to_string(), 14.0));
    assert_eq!(figs("其中予以公开和部分公开共20件。"), kv(&[]));
    assert_eq!(figs("不予以公开3件。"), kv(&[(KEY_DENIED_TOTAL, 3.0)]));
}

#[test]
fn result_sub_rows() {
    let s = "无法提供100件，其中本机关不掌握相关政府信息90件，没有现成信息需要另行制作5件，补正后申请内容仍不明确5件；不予处理3件，其中重复申请2件，信访举报投诉类申请1件。";
    assert_eq!(
        figs(s),
        kv(&[
            (KEY_UNAVAILABLE_TOTAL, 100.0),
            ("requests.unavailable_not_held.total", 90.0),
            ("requests.unavailable_needs_creation.total", 5.0),
            ("requests.unavailable_unclear.total", 5.0),
            (KEY_REJECTED_TOTAL, 3.0),
            ("requests.rejected_duplicate.total", 2.0),
            ("requests.rejected_complaint.total", 1.0),
        ])
    );
}

#[test]
fn applicants_need_a_total() {
    // No total in the sentence or the one before: which row would 自然人 break down?
    assert!(figs("从申请人类型看，自然人申请80件。").is_empty());
    assert_eq!(
        figs("共收到申请315件，其中自然人申请312件，商业企业或其他组织申请3件。"),
        kv(&[
            ("requests.new_received.total", 315.0),
            ("requests.new_received.natural_person", 312.0),
            ("requests.new_received.organizations", 3.0),
        ])
    );
    assert_eq!(
        figs("共收到政府信息公开申请10件，其中自然人9件、商业企业1件。")[2],
        ("requests.new_received.commercial".to_string(), 1.0)
    );
    // Channels are not applicants, nor new totals.
    assert_eq!(
        figs("共受理政府信息公开申请15件(其中网上申请10件,当面申请5件)。"),
        kv(&[("requests.new_received.total", 15.0)])
    );
}

#[test]
fn appeals() {
    assert_eq!(
        figs("因政府信息公开工作被申请行政复议2件，被提起行政诉讼1件。"),
        kv(&[("appeals.count.review_total", 2.0), (KEY_SUIT_TOTAL, 1.0)])
    );
    assert_eq!(
        figs("行政复议结果维持1件、纠正1件。"),
        kv(&[("appeals.count.review_upheld", 1.0), ("appeals.count.review_corrected", 1.0)])
    );
    assert_eq!(
        figs("2019年,全区共收到因政府信息公开提起的行政复议23件,均已在规定时限内办结,其中维持具体行政行为10件,被依法纠错10件,其他情形1件,尚未审结2件。"),
        kv(&[
            ("appeals.count.review_total", 23.0),
            ("appeals.count.review_upheld", 10.0),
            ("appeals.count.review_corrected", 10.0),
            ("appeals.count.review_other", 1.0),
            ("appeals.count.review_pending", 2.0),
        ])
    );
    assert_eq!(
        figs("行政诉讼案件5件，其中未经复议直接起诉3件，复议后起诉2件；行政诉讼结果维持4件，尚未审结1件。"),
        kv(&[
            (KEY_SUIT_TOTAL, 5.0),
            ("appeals.count.direct_suit_total", 3.0),
            ("appeals.count.post_review_suit_total", 2.0),
            ("appeals.count.suit_upheld", 4.0),
            ("appeals.count.suit_pending", 1.0),
        ])
    );
    assert_eq!(
        figs("未经复议直接起诉的行政诉讼2件，其中维持1件，纠正1件。"),
        kv(&[
            ("appeals.count.direct_suit_total", 2.0),
            ("appeals.count.direct_suit_upheld", 1.0),
            ("appeals.count.direct_suit_corrected", 1.0),
        ])
    );
    assert_eq!(figs("收到行政复议申请3件，均维持原行政行为。"), kv(&[("appeals.count.review_total", 3.0)]));
    assert!(figs("行政复议和行政诉讼各1件。").is_empty());
    assert!(figs("行政复议、行政诉讼共3件。").is_empty());
    // Topic carried into the next sentence of the paragraph.
    assert_eq!(
        figs("共发生行政复议案件4件。其中维持原行政行为3件，尚未审结1件。"),
        kv(&[
            ("appeals.count.review_total", 4.0),
            ("appeals.count.review_upheld", 3.0),
            ("appeals.count.review_pending", 1.0),
        ])
    );
    // … but not across a paragraph.
    assert_eq!(figs("共发生行政复议案件4件。\n其中维持原行政行为3件。"), kv(&[("appeals.count.review_total", 4.0)]));
    // 未被纠错 is not a corrected count.
    assert!(!figs("行政复议3件，其中未被纠错的3件。").iter().any(|f| f.0.contains("corrected")));
}

#[test]
fn proactive_documents_only_when_made() {
    assert_eq!(
        figs("2023年制发规章2件、行政规范性文件15件，废止规范性文件3件，现行有效规范性文件120件。"),
        kv(&[
            ("proactive.regulations.issued", 2.0),
            ("proactive.normative_documents.issued", 15.0),
            ("proactive.normative_documents.repealed", 3.0),
            ("proactive.normative_documents.in_force", 120.0),
        ])
    );
    assert!(figs("共发布政策文件6154件，包含地方性法规11件，政府规章10件，行政规范性文件863件。").is_empty());
    assert!(figs("青岛政务网发布信息3.8万余条，其中政府规章6件，规范性文件72件。").is_empty());
    assert!(figs("公开政府规章1部、行政规范性文件6件。").is_empty());
    assert!(figs("制定出台政务公开工作制度文件52件，制定规章制度5项。").is_empty());
}

#[test]
fn stated_zeros() {
    assert_eq!(figs("全市各级各部门未收取依申请公开信息处理费。"), kv(&[(KEY_FEES_YUAN, 0.0)]));
    assert_eq!(figs("本年度没有产生信息公开处理费。"), kv(&[(KEY_FEES_YUAN, 0.0)]));
    assert_eq!(figs("2021年，无收取信息处理费情况。"), kv(&[(KEY_FEES_YUAN, 0.0)]));
    assert!(figs("要求各单位依法落实信息处理费有关规定。").is_empty());
    assert_eq!(figs("今年我局主动公开政府信息514条，未收到信息公开申请。"), kv(&[("requests.new_received.total", 0.0)]));
    assert_eq!(
        figs("本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。"),
        kv(&[("appeals.count.review_total", 0.0), (KEY_SUIT_TOTAL, 0.0)])
    );
    assert_eq!(figs("本年度无因政府信息公开申请提起的行政复议。"), kv(&[("appeals.count.review_total", 0.0)]));
    // A result, not the total.
    assert!(figs("未发生行政复议、行政诉讼被纠错的情况。").is_empty());
    assert!(figs("未发生因政府信息公开不当引发的失泄密事件。").is_empty());
    assert!(figs("对未收到答复的申请人及时回访。").is_empty());
    assert!(figs("无障碍浏览。无法提供的申请及时告知。").is_empty());
}

#[test]
fn empty_and_odd_inputs() {
    assert!(figures("").is_empty());
    assert!(figures("件件件件").is_empty());
    assert!(figures("申请1,").is_empty());
    assert!(figures("收到申请9999999999999999999999件").is_empty());
    assert!(figures("收到政府信息公开申请十百件。").is_empty());
    let _ = figures("行政复议\n\n\n诉讼1件，维持");
}

#[test]
fn fee_zero_wordings() {
    for s in [
        "本年度未向申请人收取信息处理费。",
        "不存在收取信息处理费的情况。",
        "2023年度无信息处理费收取情况。",
        "全市各级行政机关均未收取政府信息公开信息处理费。",
    ] {
        assert_eq!(figs(s), kv(&[(KEY_FEES_YUAN, 0.0)]), "{s}");
    }
    for s in ["对符合条件的申请人不收取信息处理费。", "未按规定缴纳信息处理费的，不再处理。", "本年度收取信息处理费120元。"] {
        assert!(!figs(s).contains(&(KEY_FEES_YUAN.to_string(), 0.0)), "{s}");
    }
}

#[test]
fn a_key_once_per_sentence() {
    assert_eq!(
        figs("全市共收到政府信息公开申请500件，其中市政府收到申请20件，各县区收到480件。"),
        kv(&[("requests.new_received.total", 500.0)])
    );
    assert_eq!(figs("本年度无政府信息公开行政复议和行政诉讼案件。"), kv(&[("appeals.count.review_total", 0.0), (KEY_SUIT_TOTAL, 0.0)]));
}

#[test]
fn find_all_is_match_indices() {
    let hays = ["", "复议", "行政复议行政复议后复议", "哈哈哈哈哈", "aaaa", "申请人申请申请", "复议\u{8bae}议", "x复"];
    let pats = ["复议", "哈哈", "aa", "申请", "a", "议", "行政复议后", "复议复议复议复议"];
    for h in hays {
        for p in pats {
            let want: Vec<usize> = h.match_indices(p).map(|(i, _)| i).collect();
            assert_eq!(find_all(h, p).collect::<Vec<_>>(), want, "{h:?} {p:?}");
            assert_eq!(find(h, p), h.find(p), "{h:?} {p:?}");
            let all: Vec<usize> = (0..=h.len()).filter(|&i| h.get(i..).is_some_and(|t| t.starts_with(p))).collect();
            assert_eq!(occurrences(h, p).collect::<Vec<_>>(), all, "{h:?} {p:?}");
        }
        assert_eq!(find_all(h, "").count(), 0);
    }
}

/// The sentence index (one byte-level pass) agrees with the definitions it stands for:
/// number starts char by char, and every occurrence of every index word.
#[test]
fn sentence_index_agrees_with_char_scan() {
    let texts = [
        include_str!("../../../../tests/seeds/000_d3c6383858200e7a.txt"),
        include_str!("../../../../tests/seeds/001_5365a28e3cd647f6.txt"),
        include_str!("../../../../tests/seeds/004_4b8e8d36037636b6.txt"),
        "a1 x-2 3.4/5 一二三 两千〇○ 十件，未经行政复议直接起诉2起|没有收到申请;增长了5% é1 𝄞2 \u{3000}三",
        "",
        "同比增长12件，较上年减少3件。无因政府信息公开引起的行政复议、行政诉讼。未收取信息处理费。",
        "未经行政复议直接起诉3件，经行政复议后起诉2件，复议后复议行政应诉起诉诉讼应诉未经复议行政复议后经复议直接提起行政诉讼复议诉讼起诉应诉行政复议行政诉讼复议复议诉讼",
    ];
    for text in texts {
        let idx = SentenceIndex::new(text, 0, text.len());
        let mut numbers = Vec::new();
        let mut prev: Option<char> = None;
        for (i, c) in text.char_indices() {
            let starts = if c.is_ascii_digit() {
                !prev.is_some_and(|p| p.is_ascii_alphanumeric() || p == '.' || p == '/' || p == '-')
            } else {
                num::is_cn_numeral_char(c) && !prev.is_some_and(num::is_cn_numeral_char)
            };
            if starts {
                numbers.push(i);
            }
            prev = Some(c);
        }
        assert_eq!(idx.numbers, numbers);
        let mut words = Vec::new();
        for (i, _) in text.char_indices() {
            for (k, w) in INDEX_WORDS.words.iter().enumerate() {
                if text[i..].starts_with(w) {
                    words.push((i, i + w.len(), INDEX_CLASSES[k], k as u8));
                }
            }
        }
        let mut got = idx.words.clone();
        got.sort_unstable();
        words.sort_unstable();
        assert_eq!(got, words);
        assert!(NEEDED_WORDS[0] == "处理费" && NEEDED_WORDS[1..] == ["未", "没", "无"]);
        assert!(idx.words.iter().all(|w| (w.2 == W_FEE) == (&text[w.0..w.1] == "处理费")));
        assert!(idx.words.iter().all(|w| (w.2 == W_NEG) == ["未", "没", "无"].contains(&&text[w.0..w.1])));
        // `any` is `any_in` of the class's words on every segment.
        let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).step_by(7).collect();
        for (n, a) in cuts.iter().enumerate() {
            for b in cuts.iter().skip(n).take(12) {
                let seg = &text[*a..*b];
                assert_eq!(idx.any(W_CHANGE, *a, *b), CHANGE_WORDS.any_in(seg));
                assert_eq!(idx.any(W_FEE | W_NEG, *a, *b), NEEDED_WORDS.iter().any(|w| seg.contains(w)));
                let topic = APPEAL_WORDS.words.iter().chain(["申请"].iter()).any(|w| seg.contains(w));
                assert_eq!(idx.any(W_TOPIC, *a, *b), topic);
                assert_eq!(idx.any(W_APPEAL, *a, *b), !appeal_marks(seg).is_empty());
                assert_eq!(idx.any(W_REQ, *a, *b), seg.contains("申请"));
                assert_eq!(appeal_marks_at(&idx, *a, *b), appeal_marks(seg));
            }
        }
    }
}

/// `appeal_marks_at` reads appeals words from the sentence index, which holds every
/// occurrence, overlapping ones included, while `Words::scan` finds non-overlapping ones:
/// the two agree only while no appeals word overlaps itself (has a proper prefix that is
/// also its suffix). A word added to APPEAL_WORDS that does must fail here.
#[test]
fn appeals_words_do_not_overlap_themselves() {
    for w in APPEAL_WORDS.words.iter() {
        let chars: Vec<char> = w.chars().collect();
        for n in 1..chars.len() {
            assert_ne!(chars[..n], chars[chars.len() - n..], "{w:?} overlaps itself");
        }
    }
}
