//! The locale files and formulas as a reader meets them: every text present and non-empty in every
//! language, no English sentence left in Chinese, no English word inside a formula, and every error
//! of the loss core a complete sentence in both languages. (A key missing in one language, or with
//! different placeholders, is already a build error.)

use loss_lab::formula::formulas;
use loss_lab::i18n::{error_text, key_of, text, texts, Locale, Text};
use loss_lab::loss::LossError;

fn every_text() -> Vec<Text> {
    loss_lab::i18n::all_texts().collect()
}

/// Runs of three or more Latin words (of two letters or more) not separated by any Chinese
/// character: an English sentence.
fn english_runs(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii())
        .map(|chunk| chunk.split(|c: char| !(c.is_ascii_alphabetic() || c == '\'')).filter(|w| w.len() >= 2).collect::<Vec<_>>())
        .filter(|words| words.len() >= 3)
        .map(|words| words.join(" "))
        .collect()
}

/// Latin words a Chinese text may keep: names of losses and tools, symbols.
const NAMES: [&str; 17] = [
    "Loss", "Lab", "Smooth", "L1", "log", "cosh", "PyTorch", "loss", "function", "IRLS", "Huber", "MSE", "MAE", "RMSE", "binary", "cross", "entropy",
];

#[test]
fn every_text_is_there_in_every_language() {
    let all = every_text();
    assert_eq!(all.len(), texts::COUNT);
    for key in all {
        for locale in Locale::ALL {
            let shown = text(locale, key);
            assert!(!shown.trim().is_empty(), "{} is empty in {locale:?}", key_of(key));
        }
    }
}

#[test]
fn chinese_texts_have_no_english_sentence() {
    for key in every_text() {
        let chinese = text(Locale::Zh, key);
        let english = text(Locale::En, key);
        let runs: Vec<String> = english_runs(chinese)
            .into_iter()
            .filter(|run| run.split(' ').filter(|w| !NAMES.contains(w)).count() >= 3)
            .collect();
        // The loss core's requirement keys are English sentences by design (the values are Chinese).
        assert!(runs.is_empty(), "{} in Chinese still has English: {runs:?} (English: {english})", key_of(key));
        if english.chars().any(|c| c.is_ascii_alphabetic()) && english.len() > 24 && !key_of(key).contains("footer.article_title") {
            assert_ne!(chinese, english, "{} is not translated", key_of(key));
        }
    }
}

#[test]
fn formulas_hold_no_words_only_symbols() {
    for formula in formulas::regression::ALL {
        let mut rest = formula.latex;
        while let Some(at) = rest.find("\\text{") {
            let inside = &rest[at + 6..];
            let end = inside.find('}').unwrap_or(inside.len());
            let content = &inside[..end];
            assert!(content.starts_with('@') && content.ends_with('@'), "{} has the word {content:?}: it would stay English on the Chinese page", formula.key);
            rest = &inside[end..];
        }
    }
}

#[test]
fn every_loss_error_is_a_sentence_in_every_language() {
    let errors = [
        LossError::InvalidParameter { name: "δ (delta)", value: -1.0, requirement: "must be finite and greater than 0" },
        LossError::InvalidValue { name: "y", index: 2, value: 0.5, requirement: "must be a label −1 or +1" },
        LossError::LengthMismatch { left_name: "pred", left: 3, right_name: "target", right: 2 },
        LossError::Empty { name: "p" },
        LossError::RaggedRows { name: "logits", len: 7, width: 3 },
        LossError::NotADistribution { name: "p", sum: 0.9 },
        LossError::NoPositiveLabel { row: 1 },
        LossError::Undefined { what: "KL(Q‖P) where p = 0" },
        LossError::TooFewPoints { have: 1 },
        LossError::AllOnOneVertical { x: 3.0 },
        LossError::NonFinite,
    ];
    for error in errors {
        for locale in Locale::ALL {
            let sentence = error_text(locale, &error);
            assert!(!sentence.contains('{') && !sentence.contains('}'), "a placeholder left in {sentence:?}");
            assert!(sentence.chars().count() > 10, "{sentence:?}");
            assert!(!sentence.contains("NaN"), "{sentence:?}");
        }
        let chinese = error_text(Locale::Zh, &error);
        assert!(chinese.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{chinese:?} is Chinese");
        if let LossError::InvalidParameter { requirement, .. } = error {
            assert!(!chinese.contains(requirement), "the requirement is translated too: {chinese:?}");
        }
    }
}
