// Every formula of the site as LaTeX, keyed by name. Included by `build.rs`, which renders each one
// to MathML with pulldown-latex at build time, and by `src/formula.rs`.
// A parameter is written `\text{@name@}` and filled in at run time (see `formula::mathml`).

/// (key, LaTeX source)
pub const FORMULAS: &[(&str, &str)] = &[
    (
        "me",
        r"\mathrm{ME} = \frac{1}{n}\sum_{i=1}^{n} r_i, \qquad \frac{\partial\,\mathrm{ME}}{\partial \hat y_i} = \frac{1}{n}",
    ),
    (
        "mse",
        r"\mathrm{MSE} = \frac{1}{n}\sum_{i=1}^{n} r_i^2, \qquad \frac{\partial\,\mathrm{MSE}}{\partial \hat y_i} = \frac{2 r_i}{n}",
    ),
    (
        "mae",
        r"\mathrm{MAE} = \frac{1}{n}\sum_{i=1}^{n} \lvert r_i \rvert, \qquad \frac{\partial\,\mathrm{MAE}}{\partial \hat y_i} = \frac{\operatorname{sign}(r_i)}{n}",
    ),
    (
        "rmse",
        r"\mathrm{RMSE} = \sqrt{\frac{1}{n}\sum_{i=1}^{n} r_i^2}, \qquad \frac{\partial\,\mathrm{RMSE}}{\partial \hat y_i} = \frac{r_i}{n\,\mathrm{RMSE}}",
    ),
    (
        "huber",
        r"\ell_{\delta=\text{@delta@}}(r) = \begin{cases} \tfrac{1}{2} r^2 & \lvert r\rvert < \text{@delta@} \\ \text{@delta@}\,(\lvert r\rvert - \text{@half_delta@}) & \text{otherwise} \end{cases}, \qquad \ell'(r) = \begin{cases} r & \lvert r\rvert < \text{@delta@} \\ \text{@delta@}\,\operatorname{sign}(r) & \text{otherwise} \end{cases}",
    ),
    (
        "smoothl1",
        r"\ell_{\beta=\text{@beta@}}(r) = \begin{cases} \dfrac{r^2}{2\cdot \text{@beta@}} & \lvert r\rvert < \text{@beta@} \\ \lvert r\rvert - \text{@half_beta@} & \text{otherwise} \end{cases}, \qquad \ell'(r) = \begin{cases} r/\text{@beta@} & \lvert r\rvert < \text{@beta@} \\ \operatorname{sign}(r) & \text{otherwise} \end{cases}",
    ),
    ("logcosh", r"\ell(r) = \log\cosh r, \qquad \ell'(r) = \tanh r"),
];
