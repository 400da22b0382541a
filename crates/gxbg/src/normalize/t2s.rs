//! Traditional → Simplified with Taiwan-phrase reversal.
//!
//! Converter: ferrous-opencc (pure Rust, OpenCC's own dictionaries, Apache-2.0). It is
//! chosen over opencc-rust (binds the C++ library: does not build for wasm32, and its 2.x
//! needs OpenCC ≥ 1.4 while Debian ships 1.1.6) and over zhconv (GPL). Only its t2s
//! features are compiled in, to keep the wasm module small.

use super::Script;
use ferrous_opencc::{config::BuiltinConfig, OpenCC};
use std::borrow::Cow;
use std::sync::OnceLock;

fn converter() -> Option<&'static OpenCC> {
    static CONV: OnceLock<Option<OpenCC>> = OnceLock::new();
    CONV.get_or_init(|| OpenCC::from_config(BuiltinConfig::Tw2sp).ok()).as_ref()
}

/// Convert Traditional (Taiwan phrasing) text to Simplified.
pub fn to_simplified(s: &str) -> Cow<'_, str> {
    match converter() {
        Some(c) => {
            let out = c.convert(s);
            if out == s {
                Cow::Borrowed(s)
            } else {
                Cow::Owned(out)
            }
        }
        None => Cow::Borrowed(s),
    }
}

/// Characters that exist only in Traditional writing among frequent report vocabulary,
/// and their Simplified-only counterparts.
const TRAD_ONLY: &str = "與個們來時對說會國過為學發經開關應動實體機從點問產當給種這還與電長後現將與資訊請報數據複條處理規範檔辦總計結轉審議財務預稅額費稱網頁號區縣鄉鎮陳劉張萬億權務標準論證質監環護醫療衛養險農業運輸達範圍確認請獲級歸類嚴審閱員價";
const SIMP_ONLY: &str = "与个们来时对说会国过为学发经开关应动实体机从点问产当给种这还与电长后现将与资讯请报数据复条处理规范档办总计结转审议财务预税额费称网页号区县乡镇陈刘张万亿权务标准论证质监环护医疗卫养险农业运输达范围确认请获级归类严审阅员价";

/// Detect whether text is Simplified, Traditional or mixed, by counting characters that
/// occur in only one of the two scripts.
pub fn detect_script(s: &str) -> Script {
    let (mut t, mut si) = (0usize, 0usize);
    for c in s.chars() {
        if (c as u32) < 0x3400 {
            continue;
        }
        if TRAD_ONLY.contains(c) && !SIMP_ONLY.contains(c) {
            t += 1;
        } else if SIMP_ONLY.contains(c) && !TRAD_ONLY.contains(c) {
            si += 1;
        }
    }
    match (t, si) {
        (0, 0) => Script::None,
        (_, 0) => Script::Traditional,
        (0, _) => Script::Simplified,
        (t, s) if t > 20 * s => Script::Traditional,
        (t, s) if s > 20 * t => Script::Simplified,
        _ => Script::Mixed,
    }
}
