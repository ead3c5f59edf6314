//! Chapter "Regression": loss and gradient of ME, MSE, MAE, RMSE, Huber, smooth L1 and log-cosh.

use crate::figures::regression::readout;
use crate::formula;
use crate::i18n::Msg;
use crate::state::{CurveId, LabParams, RegressionParams, Route};
use crate::ui::app::CurrentHash;
use crate::ui::i18n::t;
use crate::ui::url::replace_hash_soon;
use crate::ui::widgets::curve_toggles::CurveToggles;
use crate::ui::widgets::formula::Formula;
use crate::ui::widgets::lab_figure::FitLab;
use crate::ui::widgets::log_slider::LogSlider;
use crate::ui::widgets::readout::Readout;
use crate::ui::widgets::regression_figure::RegressionFigure;
use leptos::prelude::*;

/// Where the readout starts before the pointer moves: outside the default Huber band.
const START_R: f64 = 2.0;

#[component]
pub fn RegressionPage(
    /// Parameters read from the URL.
    initial: RegressionParams,
    /// The fit-a-line lab's parameters read from the URL.
    #[prop(optional)]
    initial_lab: LabParams,
) -> impl IntoView {
    let params = RwSignal::new(initial);
    let lab = RwSignal::new(initial_lab);
    let dragging = RwSignal::new(false);
    let pointer_r = RwSignal::new(START_R);

    // The URL follows the parameters (so a copied link reproduces the figures); during a drag it
    // waits for the drag's end (one history update per drag, not one per pointer move), and a
    // moving slider writes it once it has settled for a moment ...
    Effect::new(move |_| {
        if dragging.get() {
            return;
        }
        let query = format!("{}&{}", params.get().to_query(), lab.get().to_query());
        replace_hash_soon(format!("#/regression?{query}"));
    });
    // ... and the parameters follow a URL edited by hand.
    if let Some(CurrentHash(hash)) = use_context::<CurrentHash>() {
        Effect::new(move |_| {
            if let Route::Regression(from_url, lab_from_url) = Route::parse(&hash.get()) {
                if from_url != params.get_untracked() {
                    params.set(from_url);
                }
                if lab_from_url != lab.get_untracked() {
                    lab.set(lab_from_url);
                }
            }
        });
    }

    // Memos: a change that leaves a value equal does not touch the DOM or the canvas.
    let readings = Memo::new(move |_| readout(&params.get(), pointer_r.get()).unwrap_or_default());
    let delta = Signal::derive(move || params.get().delta);
    let beta = Signal::derive(move || params.get().beta);
    let set_delta = Callback::new(move |v: f64| params.update(|p| p.delta = v));
    let set_beta = Callback::new(move |v: f64| params.update(|p| p.beta = v));
    let shown = Callback::new(move |id: CurveId| params.with(|p| p.shows(id)));
    let toggle = Callback::new(move |(id, on): (CurveId, bool)| params.update(|p| p.set_shown(id, on)));
    let shows_smooth_l1 = move || params.with(|p| p.shows(CurveId::SmoothL1));
    // The formula list is re-created only when the set of curves changes; δ and β update in place.
    let curves = Memo::new(move |_| params.with(|p| p.curves.clone()));

    view! {
        <article class="page chapter" data-testid="page-regression">
            <h1>{move || t(Msg::RegressionTitle)}</h1>
            <p class="lead">{move || t(Msg::RegressionIntro)}</p>
            <section class="figure" aria-labelledby="curves-title">
                <h2 id="curves-title">{move || t(Msg::CurvesFigureTitle)}</h2>
                <div class="controls">
                    <LogSlider label=Msg::DeltaLabel range=RegressionParams::DELTA value=delta on_change=set_delta testid="delta"/>
                    <Show when=shows_smooth_l1>
                        <LogSlider label=Msg::BetaLabel range=RegressionParams::BETA value=beta on_change=set_beta testid="beta"/>
                    </Show>
                    <p class="hint">{move || t(Msg::DeltaHelp)}</p>
                    <CurveToggles offered=CurveId::ALL.to_vec() shown=shown on_toggle=toggle/>
                    <h3>{move || t(Msg::CurvesTryTitle)}</h3>
                    <ul class="try">
                        <li>{move || t(Msg::CurvesTry1)}</li>
                        <li>{move || t(Msg::CurvesTry2)}</li>
                        <li>{move || t(Msg::CurvesTry3)}</li>
                    </ul>
                </div>
                <div class="plot-and-readout">
                    <RegressionFigure params=params pointer_r=pointer_r readings=readings/>
                    <Show when=move || params.with(|p| p.curves.is_empty())>
                        <p class="hint" data-testid="no-curve">{move || t(Msg::NoCurveShown)}</p>
                    </Show>
                    <Readout r=pointer_r readings=readings/>
                </div>
            </section>
            <section class="formulas">
                <h2>{move || t(Msg::FormulaTitle)}</h2>
                {move || curves.get().into_iter().map(|id| {
                    let values = Memo::new(move |_| params.with(|p| formula::regression_values(p.delta, p.beta).to_vec()));
                    view! { <Formula key=id.key() values=values testid=format!("formula-{}", id.key())/> }
                }).collect_view()}
            </section>
            <section class="explain">
                <p>{move || t(Msg::RegressionExplainHuber1)}</p>
                <p>{move || t(Msg::RegressionExplainHuber2)}</p>
                <p>{move || t(Msg::RegressionExplainHuber3)}</p>
                <p>{move || t(Msg::RegressionExplainHuber4)}</p>
                <p class="muted">{move || t(Msg::RegressionNoteMe)} " " {move || t(Msg::RegressionNoteRmse)}</p>
            </section>
            <FitLab lab=lab dragging=dragging/>
        </article>
    }
}
