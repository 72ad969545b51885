//! Property test of the report's logo check (the one image importer): arbitrary bytes, and
//! bytes that start like a PNG or a JPEG, give a logo or a clean error, never a panic.
//!
//! CI runs 64 cases; `PROPTEST_CASES=10000 cargo test -p crosswalk-cli --test cli props::` runs more.

use crosswalk_report::Logo;
use proptest::prelude::*;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0];

proptest! {
    #![proptest_config(config())]

    #[test]
    fn logos_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048), prefix in 0..3u8) {
        let mut input = match prefix {
            0 => Vec::new(),
            1 => PNG.to_vec(),
            _ => JPEG.to_vec(),
        };
        input.extend_from_slice(&bytes);
        let _ = Logo::from_bytes(input);
    }

    /// A real PNG with a damaged byte or a cut: a logo or an error, never a panic.
    #[test]
    fn damaged_logos_never_panic(at in any::<usize>(), bits in 1..=255u8, cut in any::<bool>()) {
        let good = crosswalk_report::demo::demo_firm_logo();
        let mut bad = good.clone();
        let i = at % bad.len();
        if cut {
            bad.truncate(i);
        } else {
            bad[i] ^= bits;
        }
        let _ = Logo::from_bytes(bad);
    }
}
