//! The canonical tables as data: one table of keys, labels and aliases.
//!
//! Every output (Rust, JSON, CSV, Python, JavaScript) names tables, rows and columns with
//! the keys below (`shared/reference/keys.md`); renaming one is a breaking change. Label
//! matching uses `markers`: substrings that identify the row or column once a label has
//! been folded by [`crate::normalize::label_key`] (widths folded, spaces and punctuation
//! dropped). The first marker found wins; markers are ordered from specific to general.

use serde::{Deserialize, Serialize};

/// Report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum Format {
    /// 国办公开办函〔2019〕60号: reports for 2019 and 2020.
    #[serde(rename = "2019")]
    F2019,
    /// 国办公开办函〔2021〕30号: reports for 2021 onwards.
    #[serde(rename = "2021")]
    F2021,
    /// No fixed tables: reports for 2018 and earlier (free format), or no tables found.
    #[serde(rename = "none")]
    None,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::F2019 => "2019",
            Format::F2021 => "2021",
            Format::None => "none",
        }
    }
}

/// Which formats a row or column exists in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum In {
    Both,
    Only2019,
    Only2021,
}

impl In {
    pub fn has(self, f: Format) -> bool {
        matches!((self, f), (In::Both, _) | (In::Only2019, Format::F2019) | (In::Only2021, Format::F2021))
    }
}

/// A canonical column.
#[derive(Debug, Clone, Copy)]
pub struct ColumnDef {
    pub key: &'static str,
    pub label: &'static str,
    pub markers: &'static [&'static str],
    /// Decimal amounts (money) rather than integer counts.
    pub amount: bool,
}

/// A canonical row.
#[derive(Debug, Clone, Copy)]
pub struct RowDef {
    pub key: &'static str,
    pub label: &'static str,
    pub markers: &'static [&'static str],
    /// Sub-group of table 三's results, e.g. `denied` for （三）不予公开 1–8.
    pub group: Option<Group>,
    pub formats: In,
    /// Columns of this row; rows of one table share them except in table 二.
    pub columns: &'static [ColumnDef],
    /// Derived from other rows rather than printed (other_handling in the 2021 format).
    pub derived_in_2021: bool,
}

/// The numbered groups of table 三's 本年度办理结果.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Denied,
    Unavailable,
    Rejected,
    Other,
}

impl Group {
    /// Markers of the group's own label cell (（三）不予公开 …).
    pub fn markers(self) -> &'static [&'static str] {
        match self {
            Group::Denied => &["不予公开"],
            Group::Unavailable => &["无法提供"],
            Group::Rejected => &["不予处理"],
            Group::Other => &["其他处理"],
        }
    }
    pub fn numeral(self) -> &'static str {
        match self {
            Group::Denied => "三",
            Group::Unavailable => "四",
            Group::Rejected => "五",
            Group::Other => "六",
        }
    }
}

/// A canonical table.
#[derive(Debug, Clone, Copy)]
pub struct TableDef {
    pub key: &'static str,
    pub label: &'static str,
    pub numeral: &'static str,
    /// Markers of the section heading that announces the table.
    pub heading_markers: &'static [&'static str],
    pub rows: &'static [RowDef],
}

impl TableDef {
    pub fn rows_in(&self, f: Format) -> impl Iterator<Item = &'static RowDef> + '_ {
        self.rows.iter().filter(move |r| r.formats.has(f))
    }
    pub fn row(&self, key: &str) -> Option<&'static RowDef> {
        self.rows.iter().find(|r| r.key == key)
    }
}

const fn col(key: &'static str, label: &'static str, markers: &'static [&'static str]) -> ColumnDef {
    ColumnDef { key, label, markers, amount: false }
}
const fn amount(key: &'static str, label: &'static str, markers: &'static [&'static str]) -> ColumnDef {
    ColumnDef { key, label, markers, amount: true }
}

/// Columns of table 三, in printed order.
pub static REQUEST_COLUMNS: &[ColumnDef] = &[
    col("natural_person", "自然人", &["自然人"]),
    col("commercial", "商业企业", &["商业企业", "商业"]),
    col("research", "科研机构", &["科研机构", "科研"]),
    col("social_welfare", "社会公益组织", &["社会公益组织", "公益"]),
    col("legal_service", "法律服务机构", &["法律服务机构", "法律服务"]),
    col("other_org", "其他", &["其他"]),
    col("total", "总计", &["总计", "合计"]),
];

/// Columns of table 四, in printed order.
pub static APPEAL_COLUMNS: &[ColumnDef] = &[
    col("review_upheld", "行政复议 结果维持", &[]),
    col("review_corrected", "行政复议 结果纠正", &[]),
    col("review_other", "行政复议 其他结果", &[]),
    col("review_pending", "行政复议 尚未审结", &[]),
    col("review_total", "行政复议 总计", &[]),
    col("direct_suit_upheld", "行政诉讼 未经复议直接起诉 结果维持", &[]),
    col("direct_suit_corrected", "行政诉讼 未经复议直接起诉 结果纠正", &[]),
    col("direct_suit_other", "行政诉讼 未经复议直接起诉 其他结果", &[]),
    col("direct_suit_pending", "行政诉讼 未经复议直接起诉 尚未审结", &[]),
    col("direct_suit_total", "行政诉讼 未经复议直接起诉 总计", &[]),
    col("post_review_suit_upheld", "行政诉讼 复议后起诉 结果维持", &[]),
    col("post_review_suit_corrected", "行政诉讼 复议后起诉 结果纠正", &[]),
    col("post_review_suit_other", "行政诉讼 复议后起诉 其他结果", &[]),
    col("post_review_suit_pending", "行政诉讼 复议后起诉 尚未审结", &[]),
    col("post_review_suit_total", "行政诉讼 复议后起诉 总计", &[]),
];

const DOCS_2021: &[ColumnDef] = &[
    col("issued", "本年制发件数", &["制发"]),
    col("repealed", "本年废止件数", &["废止"]),
    col("in_force", "现行有效件数", &["现行有效"]),
];
const DOCS_2019: &[ColumnDef] = &[
    col("made", "本年新制作数量", &["新制作", "制作"]),
    col("published", "本年新公开数量", &["新公开"]),
    col("public_total", "对外公开总数量", &["公开总数", "总数"]),
];
const DECISIONS_2021: &[ColumnDef] = &[col("decisions", "本年处理决定数量", &["处理决定", "决定数"])];
const ITEMS_2019: &[ColumnDef] = &[
    col("previous_year", "上一年项目数量", &["上一年", "上年"]),
    col("change", "本年增/减", &["增减", "增/减", "增加", "减少"]),
    col("decisions", "处理决定数量", &["处理决定", "决定数"]),
];
const FEES_2021: &[ColumnDef] = &[amount("amount_10k_yuan", "本年收费金额（单位：万元）", &["收费金额", "金额"])];
const FEES_2019: &[ColumnDef] = &[
    col("previous_year", "上一年项目数量", &["上一年", "上年"]),
    col("change", "本年增/减", &["增减", "增/减", "增加", "减少"]),
];
const PROCUREMENT_2019: &[ColumnDef] = &[
    col("projects", "采购项目数量", &["项目数"]),
    amount("amount", "采购总金额", &["金额"]),
];

const fn prow(
    key: &'static str,
    label: &'static str,
    markers: &'static [&'static str],
    formats: In,
    columns: &'static [ColumnDef],
) -> RowDef {
    RowDef { key, label, markers, group: None, formats, columns, derived_in_2021: false }
}

/// Table 二 主动公开政府信息情况. Rows appear once per format they exist in.
pub static PROACTIVE: TableDef = TableDef {
    key: "proactive",
    label: "主动公开政府信息情况",
    numeral: "二",
    heading_markers: &["主动公开政府信息情况", "主动公开政府信息"],
    rows: &[
        prow("regulations", "规章", &["规章"], In::Only2021, DOCS_2021),
        prow("normative_documents", "行政规范性文件", &["规范性文件"], In::Only2021, DOCS_2021),
        prow("licensing", "行政许可", &["行政许可"], In::Only2021, DECISIONS_2021),
        prow("penalty", "行政处罚", &["行政处罚"], In::Only2021, DECISIONS_2021),
        prow("coercion", "行政强制", &["行政强制"], In::Only2021, DECISIONS_2021),
        prow("fees", "行政事业性收费", &["事业性收费", "收费"], In::Only2021, FEES_2021),
        prow("regulations", "规章", &["规章"], In::Only2019, DOCS_2019),
        prow("normative_documents", "规范性文件", &["规范性文件"], In::Only2019, DOCS_2019),
        prow("licensing", "行政许可", &["行政许可"], In::Only2019, ITEMS_2019),
        prow("other_services", "其他对外管理服务事项", &["对外管理服务", "其他对外"], In::Only2019, ITEMS_2019),
        prow("penalty", "行政处罚", &["行政处罚"], In::Only2019, ITEMS_2019),
        prow("coercion", "行政强制", &["行政强制"], In::Only2019, ITEMS_2019),
        prow("fees", "行政事业性收费", &["事业性收费", "收费"], In::Only2019, FEES_2019),
        prow("procurement", "政府集中采购", &["集中采购", "采购"], In::Only2019, PROCUREMENT_2019),
    ],
};

const fn rrow(key: &'static str, label: &'static str, markers: &'static [&'static str]) -> RowDef {
    RowDef { key, label, markers, group: None, formats: In::Both, columns: REQUEST_COLUMNS, derived_in_2021: false }
}
const fn grow(
    key: &'static str,
    label: &'static str,
    markers: &'static [&'static str],
    group: Group,
    formats: In,
) -> RowDef {
    RowDef { key, label, markers, group: Some(group), formats, columns: REQUEST_COLUMNS, derived_in_2021: false }
}

/// Table 三 收到和处理政府信息公开申请情况.
pub static REQUESTS: TableDef = TableDef {
    key: "requests",
    label: "收到和处理政府信息公开申请情况",
    numeral: "三",
    heading_markers: &["收到和处理政府信息公开申请", "收到和处理"],
    rows: &[
        rrow("new_received", "一、本年新收政府信息公开申请数量", &["本年新收", "新收"]),
        rrow("carried_over", "二、上年结转政府信息公开申请数量", &["上年结转"]),
        rrow("granted", "（一）予以公开", &["予以公开"]),
        rrow("partially_granted", "（二）部分公开", &["部分公开"]),
        grow("denied_state_secret", "（三）1.属于国家秘密", &["国家秘密"], Group::Denied, In::Both),
        grow("denied_law_prohibited", "（三）2.其他法律行政法规禁止公开", &["行政法规禁止", "法规禁止", "禁止公开"], Group::Denied, In::Both),
        grow("denied_three_safeties", "（三）3.危及“三安全一稳定”", &["三安全", "一稳定"], Group::Denied, In::Both),
        grow("denied_third_party", "（三）4.保护第三方合法权益", &["第三方"], Group::Denied, In::Both),
        grow("denied_internal_affairs", "（三）5.属于三类内部事务信息", &["内部事务"], Group::Denied, In::Both),
        grow("denied_process_info", "（三）6.属于四类过程性信息", &["过程性"], Group::Denied, In::Both),
        grow("denied_enforcement_file", "（三）7.属于行政执法案卷", &["执法案卷"], Group::Denied, In::Both),
        grow("denied_query_item", "（三）8.属于行政查询事项", &["查询事项"], Group::Denied, In::Both),
        grow("unavailable_not_held", "（四）1.本机关不掌握相关政府信息", &["不掌握"], Group::Unavailable, In::Both),
        grow("unavailable_needs_creation", "（四）2.没有现成信息需要另行制作", &["另行制作", "没有现成"], Group::Unavailable, In::Both),
        grow("unavailable_unclear", "（四）3.补正后申请内容仍不明确", &["仍不明确", "补正后"], Group::Unavailable, In::Both),
        grow("rejected_complaint", "（五）1.信访举报投诉类申请", &["信访", "举报投诉"], Group::Rejected, In::Both),
        grow("rejected_duplicate", "（五）2.重复申请", &["重复申请"], Group::Rejected, In::Both),
        grow("rejected_publication", "（五）3.要求提供公开出版物", &["出版物"], Group::Rejected, In::Both),
        grow("rejected_excessive", "（五）4.无正当理由大量反复申请", &["大量反复"], Group::Rejected, In::Both),
        grow("rejected_confirmation", "（五）5.要求行政机关确认或重新出具已获取信息", &["重新出具", "确认或"], Group::Rejected, In::Both),
        grow("other_no_correction", "（六）1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", &["不补正"], Group::Other, In::Only2021),
        grow("other_no_fee", "（六）2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", &["缴纳费用", "收费通知"], Group::Other, In::Only2021),
        grow("other_other", "（六）3.其他", &["其他"], Group::Other, In::Only2021),
        RowDef {
            key: "other_handling",
            label: "（六）其他处理",
            markers: &["其他处理"],
            group: None,
            formats: In::Both,
            columns: REQUEST_COLUMNS,
            derived_in_2021: true,
        },
        rrow("results_total", "（七）总计", &["总计", "合计"]),
        rrow("carried_forward", "四、结转下年度继续办理", &["结转下年", "继续办理"]),
    ],
};

/// Table 四 政府信息公开行政复议、行政诉讼情况: one row of 15 cells.
pub static APPEALS: TableDef = TableDef {
    key: "appeals",
    label: "政府信息公开行政复议、行政诉讼情况",
    numeral: "四",
    heading_markers: &["行政复议、行政诉讼", "行政复议行政诉讼", "被申请行政复议", "行政复议"],
    rows: &[RowDef {
        key: "count",
        label: "件数",
        markers: &[],
        group: None,
        formats: In::Both,
        columns: APPEAL_COLUMNS,
        derived_in_2021: false,
    }],
};

/// The three canonical tables in report order.
pub static TABLES: [&TableDef; 3] = [&PROACTIVE, &REQUESTS, &APPEALS];

/// Look a table up by key.
pub fn table(key: &str) -> Option<&'static TableDef> {
    TABLES.iter().copied().find(|t| t.key == key)
}

/// The fully qualified key of a cell: `table.row.column`.
pub fn cell_key(table: &str, row: &str, column: &str) -> String {
    format!("{table}.{row}.{column}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_within_each_format() {
        for t in TABLES {
            for f in [Format::F2019, Format::F2021] {
                let mut seen = std::collections::HashSet::new();
                for r in t.rows_in(f) {
                    assert!(seen.insert(r.key), "{}.{} twice in {:?}", t.key, r.key, f);
                    let mut cols = std::collections::HashSet::new();
                    for c in r.columns {
                        assert!(cols.insert(c.key));
                    }
                }
            }
        }
    }

    #[test]
    fn requests_has_the_official_row_counts() {
        assert_eq!(REQUESTS.rows_in(Format::F2021).count(), 26);
        assert_eq!(REQUESTS.rows_in(Format::F2019).count(), 23);
        assert_eq!(APPEAL_COLUMNS.len(), 15);
    }
}
