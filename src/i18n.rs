//! The message table: every user-facing string, keyed by [`Msg`].
//!
//! A component never writes text of its own; it asks `text(locale, Msg::…)`. Each locale is one
//! exhaustive `match`, so adding a message without translating it is a compile error.
//! Placeholders are written `{name}` and filled with [`fill`].

/// A language the page can be shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    En,
}

impl Locale {
    /// The BCP 47 tag for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
        }
    }
}

/// Every message id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    AppName,
    Tagline,
    NavLabel,
    NavHome,
    NavRegression,
    FooterSource,
    FooterArticleTitle,
    FooterNote,
    HomeTitle,
    HomeWhatIsLoss,
    HomeTraining,
    HomeChaptersTitle,
    HomeRegressionCard,
    RegressionTitle,
    RegressionIntro,
    CurvesFigureTitle,
    CurvesFigureAria,
    ShowCurves,
    DeltaLabel,
    BetaLabel,
    DeltaHelp,
    NumberOutOfRange,
    PanelLoss,
    PanelGradient,
    AxisResidual,
    ShadedRegion,
    ReadoutTitle,
    ReadoutAt,
    ReadoutHint,
    ReadoutCurve,
    ReadoutValue,
    ReadoutGradient,
    CurveMe,
    CurveMse,
    CurveMae,
    CurveRmse,
    CurveHuber,
    CurveSmoothL1,
    CurveLogCosh,
    FormulaTitle,
    RegressionExplainHuber1,
    RegressionExplainHuber2,
    RegressionExplainHuber3,
    RegressionExplainHuber4,
    RegressionNoteRmse,
    RegressionNoteMe,
    NoCurveShown,
    FigureError,
    NotFoundTitle,
    NotFoundBody,
    BackHome,
    CrashTitle,
    CrashBody,
    CrashReload,
}

/// The text of `msg` in `locale`.
pub fn text(locale: Locale, msg: Msg) -> &'static str {
    match locale {
        Locale::En => english(msg),
    }
}

/// Replaces each `{name}` in `template` with its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

fn english(msg: Msg) -> &'static str {
    use Msg::*;
    match msg {
        AppName => "Loss Lab",
        Tagline => "See a loss function: exact values, live gradients.",
        NavLabel => "Chapters",
        NavHome => "Start",
        NavRegression => "Regression",
        FooterSource => "Built on the article",
        FooterArticleTitle => "一文弄懂各种loss function (Zhu Xiangyu, JD; on Zhihu)",
        FooterNote => "Values are computed exactly in f64; where PyTorch clamps or adds an epsilon, the figure says so.",
        HomeTitle => "What is a loss function?",
        HomeWhatIsLoss => "A loss function turns a prediction and the truth into one number that says how wrong the prediction is: large when it is badly wrong, small when it is close.",
        HomeTraining => "Training a model means changing its parameters to make that number smaller. The gradient of the loss says which way to change them, and how hard each example pushes.",
        HomeChaptersTitle => "Chapters",
        HomeRegressionCard => "Regression: ME, MSE, MAE, RMSE and Huber: how each one punishes a residual, and what the gradient does with an outlier.",
        RegressionTitle => "Regression losses",
        RegressionIntro => "A regression model predicts a number. The residual r = prediction − target says how far off it is; a regression loss turns r into a penalty ℓ(r), and its gradient dℓ/dr is the push that training applies.",
        CurvesFigureTitle => "Loss and gradient against the residual",
        CurvesFigureAria => "Plot of each selected loss (top) and its gradient (bottom) against the residual r",
        ShowCurves => "Curves",
        DeltaLabel => "Huber δ",
        BetaLabel => "Smooth L1 β",
        DeltaHelp => "Residuals with |r| < δ are treated quadratically (the shaded band); larger ones linearly.",
        NumberOutOfRange => "Enter a number from {min} to {max}.",
        PanelLoss => "loss ℓ(r)",
        PanelGradient => "gradient dℓ/dr",
        AxisResidual => "residual r = prediction − target",
        ShadedRegion => "shaded: |r| < δ",
        ReadoutTitle => "Values at the pointer",
        ReadoutAt => "r =",
        ReadoutHint => "Move the pointer (or a finger) over the plot to read exact values.",
        ReadoutCurve => "loss",
        ReadoutValue => "ℓ(r)",
        ReadoutGradient => "dℓ/dr",
        CurveMe => "ME",
        CurveMse => "MSE",
        CurveMae => "MAE",
        CurveRmse => "RMSE",
        CurveHuber => "Huber",
        CurveSmoothL1 => "Smooth L1",
        CurveLogCosh => "log-cosh",
        FormulaTitle => "Formulas (δ and β as set above)",
        RegressionExplainHuber1 => "MSE squares the residual, so its gradient 2r grows without limit: one far outlier can pull harder than all the other points together.",
        RegressionExplainHuber2 => "MAE's gradient is only ±1, so an outlier pulls no harder than any other point, but the gradient jumps at r = 0 and never shrinks as a fit gets close, which makes the last steps of training jittery.",
        RegressionExplainHuber3 => "Huber is quadratic inside |r| < δ and linear outside: small residuals get MSE's smooth, shrinking gradient, large ones get MAE's bounded push of at most δ.",
        RegressionExplainHuber4 => "So δ is the residual size you still trust: make it small and Huber behaves like MAE, make it large and it behaves like MSE (exactly ½·MSE once every residual is inside the band).",
        RegressionNoteRmse => "For a single residual RMSE is |r|; over many it is √MSE, in the data's own units.",
        RegressionNoteMe => "ME is r itself: positive and negative errors cancel, so it measures bias, not accuracy.",
        NoCurveShown => "No curve is selected: tick one above.",
        FigureError => "This figure cannot be drawn: {reason}",
        NotFoundTitle => "No such page",
        NotFoundBody => "There is no chapter at “{path}”.",
        BackHome => "Go to the start page",
        CrashTitle => "Something went wrong and Loss Lab stopped.",
        CrashBody => "This is a bug in Loss Lab, not something you did. Reloading the page starts it again.",
        CrashReload => "Reload the page",
    }
}
