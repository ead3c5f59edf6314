//! The fit-a-line lab: draggable points with the MSE, MAE and Huber lines (two stacked canvases), the
//! influence bars (two more), and the readouts. Pointer events with pointer capture serve mouse,
//! pen and touch alike; the cached base layers are redrawn only on resize (and, for the bars, when
//! the number of points changes); every drag move redraws the two overlays.

use super::layers::{device_position, viewport_signal};
use super::log_slider::LogSlider;
use super::readout::curve_name;
use super::timing;
use crate::figures::lab::{build, hit, next_index, FitId, LabFigure, NoFit};
use crate::format::number;
use crate::i18n::{fill, Msg};
use crate::plot::canvas::{fit_all, redraw};
use crate::plot::lab::{
    draw_influence_base, draw_influence_overlay, draw_lab_base, draw_lab_overlay, InfluenceLabels, LabFrame, LabLabels,
};
use crate::plot::{Layout, Palette};
use crate::state::{LabParams, LabPreset};
use crate::ui::i18n::t;
use leptos::html::Canvas;
use leptos::prelude::*;

/// Half the side of a point's hit target, in CSS px (a 44 px target).
const HIT_RADIUS_CSS: f64 = 22.0;
/// Arrow-key step for the selected point, in data units (Shift: ten times larger).
const KEY_STEP: f64 = 0.1;

fn no_fit_message(problem: NoFit) -> Msg {
    match problem {
        NoFit::TooFewPoints => Msg::LabTooFewPoints,
        NoFit::AllOnOneVertical => Msg::LabAllOnOneVertical,
        NoFit::NonFinite => Msg::LabNonFinite,
    }
}

#[component]
pub fn FitLab(
    /// The lab's parameters (δ, preset, points); drags, buttons and the slider all write it.
    lab: RwSignal<LabParams>,
    /// True while a point is being dragged (the page waits for the drag's end to update the URL).
    dragging: RwSignal<bool>,
) -> impl IntoView {
    let figure = Memo::new(move |_| build(&lab.get()));
    let selected = RwSignal::new(None::<usize>);
    let drag_index = StoredValue::new(None::<usize>);

    let base_ref = NodeRef::<Canvas>::new();
    let overlay_ref = NodeRef::<Canvas>::new();
    let bars_base_ref = NodeRef::<Canvas>::new();
    let bars_overlay_ref = NodeRef::<Canvas>::new();
    let viewport = viewport_signal();
    let frame = StoredValue::new(None::<LabFrame>);
    let base_version = RwSignal::new(0_u64);
    let draw_error = RwSignal::new(None::<String>);
    let n_points = Memo::new(move |_| lab.with(|l| l.points.len()));
    // When a drag move or a δ step arrived (performance.now()), until its redraw is done: timed
    // end to end as "lab-input" (the refit, the readouts and both overlays).
    let input_at = StoredValue::new(None::<f64>);

    // Base layers: the viewport and the language; the bars' base also the number of points.
    Effect::new(move |_| {
        let layout = Layout::new(viewport.get().device_pixel_ratio);
        let n = n_points.get();
        let labels = LabLabels {
            data_panel: t(Msg::LabDataPanel).to_string(),
            residual_panel: t(Msg::LabResidualPanel).to_string(),
            x_axis: t(Msg::LabXAxis).to_string(),
        };
        let bar_labels = InfluenceLabels {
            share_panel: t(Msg::LabSharePanel).to_string(),
            pull_panel: t(Msg::LabPullPanel).to_string(),
            x_axis: t(Msg::LabInfluenceAxis).to_string(),
        };
        let canvases = (base_ref.get(), overlay_ref.get(), bars_base_ref.get(), bars_overlay_ref.get());
        let (Some(base), Some(overlay), Some(bars_base), Some(bars_overlay)) = canvases else { return };
        if !fit_all(&[&base, &overlay, &bars_base, &bars_overlay], &layout) {
            return;
        }
        let drawn = redraw(&base, |root| draw_lab_base(root, &labels, &layout, &Palette::LIGHT));
        let bars = redraw(&bars_base, |root| draw_influence_base(root, n, &bar_labels, &layout, &Palette::LIGHT));
        match (drawn, bars) {
            (Ok(new_frame), Ok(())) => frame.set_value(Some(new_frame)),
            (Err(e), _) | (_, Err(e)) => draw_error.set(Some(e)),
        }
        base_version.update(|v| *v += 1);
    });

    // Overlays: every change of the points, δ or the selection; timed together as "lab".
    Effect::new(move |_| {
        base_version.track();
        let started = timing::now_ms();
        let selected = selected.get();
        let (Some(overlay), Some(bars_overlay)) = (overlay_ref.get_untracked(), bars_overlay_ref.get_untracked()) else {
            return;
        };
        let layout = Layout::new(viewport.get_untracked().device_pixel_ratio);
        let result = figure.with(|figure: &LabFigure| {
            redraw(&overlay, |root| draw_lab_overlay(root, figure, selected, &layout, &Palette::LIGHT))?;
            redraw(&bars_overlay, |root| draw_influence_overlay(root, figure, selected, &layout, &Palette::LIGHT))
        });
        draw_error.set(result.err());
        let done = timing::now_ms();
        timing::record("lab", done - started);
        if let Some(at) = input_at.get_value() {
            input_at.set_value(None);
            timing::record("lab-input", done - at);
        }
    });

    // Pointer position in device pixels of the overlay canvas.
    let device_px = move |ev: &web_sys::MouseEvent| device_position(ev, viewport);
    let point_under = move |at: (f64, f64)| -> Option<usize> {
        let scale = Layout::new(viewport.get_untracked().device_pixel_ratio).scale;
        let f = frame.get_value()?;
        let pixels: Vec<(f64, f64)> = lab.with_untracked(|l| l.points.iter().map(|&p| f.to_pixels(p)).collect());
        hit(&pixels, at, HIT_RADIUS_CSS * scale)
    };
    let on_down = move |ev: web_sys::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        let at = device_px(&ev);
        let index = match point_under(at) {
            Some(i) => Some(i),
            None => {
                // Empty space inside the plot: a new point there.
                let Some(f) = frame.get_value() else { return };
                let (Some(x), Some(y)) = (f.x.data_at(at.0), f.y.data_at(at.1)) else { return };
                let mut added = None;
                lab.update(|l| added = l.add_point((x, y)));
                added
            }
        };
        let Some(index) = index else { return };
        ev.prevent_default();
        // Only drag moves and δ steps are timed end to end; forget one that changed nothing.
        input_at.set_value(None);
        selected.set(Some(index));
        drag_index.set_value(Some(index));
        dragging.set(true);
        if let Some(canvas) = overlay_ref.get_untracked() {
            let _ = canvas.set_pointer_capture(ev.pointer_id());
        }
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let Some(index) = drag_index.get_value() else { return };
        ev.prevent_default();
        let Some(to) = frame.get_value().and_then(|f| f.to_data_clamped(device_px(&ev))) else { return };
        input_at.set_value(Some(timing::now_ms()));
        lab.update(|l| l.move_point(index, to));
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        if drag_index.get_value().is_some() {
            drag_index.set_value(None);
            if let Some(canvas) = overlay_ref.get_untracked() {
                let _ = canvas.release_pointer_capture(ev.pointer_id());
            }
            dragging.set(false);
        }
    };
    let remove_selected = move || {
        if let Some(index) = selected.get_untracked() {
            selected.set(None);
            lab.update(|l| l.remove_point(index));
        }
    };
    let on_dblclick = move |ev: web_sys::MouseEvent| {
        if let Some(index) = point_under(device_px(&ev)) {
            selected.set(Some(index));
            remove_selected();
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        // "n" / "p" (or "]" / "[") walk through the points, so the lab works without a pointer.
        let walk = match ev.key().as_str() {
            "n" | "]" => Some(1),
            "p" | "[" => Some(-1),
            _ => None,
        };
        if let Some(direction) = walk {
            ev.prevent_default();
            let count = lab.with_untracked(|l| l.points.len());
            selected.set(next_index(selected.get_untracked(), direction, count));
            return;
        }
        let Some(index) = selected.get_untracked() else { return };
        let step = if ev.shift_key() { KEY_STEP * 10.0 } else { KEY_STEP };
        let (dx, dy) = match ev.key().as_str() {
            "ArrowLeft" => (-step, 0.0),
            "ArrowRight" => (step, 0.0),
            "ArrowUp" => (0.0, step),
            "ArrowDown" => (0.0, -step),
            "Delete" | "Backspace" => {
                ev.prevent_default();
                remove_selected();
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        lab.update(|l| {
            if let Some(&(x, y)) = l.points.get(index) {
                l.move_point(index, (x + dx, y + dy));
            }
        });
    };

    let delta = Signal::derive(move || lab.with(|l| l.delta));
    let set_delta = Callback::new(move |v: f64| {
        input_at.set_value(Some(timing::now_ms()));
        lab.update(|l| l.delta = v);
    });
    let preset = move |p: LabPreset| {
        move |_| {
            selected.set(None);
            let delta = lab.with_untracked(|l| l.delta);
            lab.set(LabParams { delta, ..LabParams::with_preset(p) });
        }
    };
    let reset = move |_| {
        selected.set(None);
        lab.set(LabParams::default());
    };
    let add_point = move |_| {
        let mut added = None;
        lab.update(|l| added = l.add_point(l.next_new_point()));
        if added.is_some() {
            selected.set(added);
        }
    };
    let problem = move || figure.with(|f| f.fits.as_ref().err().copied());
    let shown = move |v: Option<f64>, digits: usize| v.map(|v| number(v, digits)).unwrap_or_else(|| "—".to_string());

    view! {
        <section class="figure lab" aria-labelledby="lab-title" data-testid="lab">
            <h2 id="lab-title">{move || t(Msg::LabTitle)}</h2>
            <div class="controls">
                <p>{move || t(Msg::LabIntro)}</p>
                <LogSlider label=Msg::LabDeltaLabel range=LabParams::DELTA value=delta on_change=set_delta testid="lab-delta"/>
                <p class="hint">{move || t(Msg::LabDeltaHelp)}</p>
                <div class="buttons">
                    <button type="button" data-testid="lab-preset-outlier" on:click=preset(LabPreset::Outlier)>{move || t(Msg::LabPresetOutlier)}</button>
                    <button type="button" data-testid="lab-reset" on:click=reset>{move || t(Msg::LabReset)}</button>
                    <button type="button" data-testid="lab-add" on:click=add_point>{move || t(Msg::LabAddPoint)}</button>
                    <button type="button" data-testid="lab-remove" on:click=move |_| remove_selected()
                        prop:disabled=move || selected.get().is_none()>{move || t(Msg::LabRemovePoint)}</button>
                </div>
                <p class="hint">{move || t(Msg::LabHowTo)}</p>
                <p class="hint" data-testid="lab-count">{move || fill(t(Msg::LabPointsCount), &[("n", &n_points.get().to_string())])}</p>
                <h3>{move || t(Msg::LabTryTitle)}</h3>
                <ul class="try">
                    <li>{move || t(Msg::LabTry1)}</li>
                    <li>{move || t(Msg::LabTry2)}</li>
                    <li>{move || t(Msg::LabTry3)}</li>
                    <li>{move || t(Msg::LabTry4)}</li>
                </ul>
            </div>
            <div class="plot-and-readout">
                <ul class="legend">
                    {FitId::ALL.into_iter().map(|id| {
                        let color = Palette::css(Palette::curve(id.curve()));
                        view! { <li><span class="swatch" style=format!("background:{color}")></span>{move || t(curve_name(id.curve()))}</li> }
                    }).collect_view()}
                </ul>
                <div class="figure-canvas lab-canvas" data-testid="lab-figure">
                    <canvas node_ref=base_ref class="layer base" aria-hidden="true"></canvas>
                    <canvas node_ref=overlay_ref class="layer overlay" data-testid="lab-canvas"
                        tabindex="0" role="img" aria-label=move || t(Msg::LabCanvasAria)
                        on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up on:pointercancel=on_up
                        on:lostpointercapture=on_up on:dblclick=on_dblclick on:keydown=on_key></canvas>
                </div>
                <Show when=move || problem().is_some()>
                    <p class="lab-message" role="status" data-testid="lab-message">
                        {move || problem().map(|p| t(no_fit_message(p))).unwrap_or_default()}
                    </p>
                </Show>
                <Show when=move || draw_error.get().is_some()>
                    <p class="field-error" role="alert">
                        {move || fill(t(Msg::FigureError), &[("reason", &draw_error.get().unwrap_or_default())])}
                    </p>
                </Show>
                <section class="readout" aria-live="polite">
                    <h3>{move || t(Msg::LabFitsTitle)}</h3>
                    <table data-testid="lab-fits">
                        <thead><tr>
                            <th scope="col">{move || t(Msg::LabColFit)}</th>
                            <th scope="col">{move || t(Msg::LabColSlope)}</th>
                            <th scope="col">{move || t(Msg::LabColIntercept)}</th>
                            <th scope="col">{move || t(Msg::LabColMe)}</th>
                            <th scope="col">{move || t(Msg::LabColMse)}</th>
                            <th scope="col">{move || t(Msg::LabColRmse)}</th>
                            <th scope="col">{move || t(Msg::LabColMae)}</th>
                        </tr></thead>
                        <tbody>
                            {FitId::ALL.into_iter().map(|id| {
                                let key = id.key();
                                let color = Palette::css(Palette::curve(id.curve()));
                                let line = move |pick: fn(&crate::figures::lab::Fit) -> f64| figure.with(|f| f.fit(id).map(pick));
                                view! {
                                    <tr>
                                        <th scope="row"><span class="swatch" style=format!("background:{color}")></span>{move || t(curve_name(id.curve()))}</th>
                                        <td data-testid=format!("fit-{key}-slope")>{move || shown(line(|f| f.line.slope), 5)}</td>
                                        <td data-testid=format!("fit-{key}-intercept")>{move || shown(line(|f| f.line.intercept), 5)}</td>
                                        <td data-testid=format!("fit-{key}-me")>{move || shown(line(|f| f.stats.me), 3)}</td>
                                        <td data-testid=format!("fit-{key}-mse")>{move || shown(line(|f| f.stats.mse), 4)}</td>
                                        <td data-testid=format!("fit-{key}-rmse")>{move || shown(line(|f| f.stats.rmse), 4)}</td>
                                        <td data-testid=format!("fit-{key}-mae")>{move || shown(line(|f| f.stats.mae), 4)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    <p class="hint">{move || t(Msg::LabResidualNote)}</p>
                </section>
            </div>
        </section>
        <section class="figure lab-influence" aria-labelledby="influence-title">
            <h2 id="influence-title">{move || t(Msg::LabInfluenceTitle)}</h2>
            <div class="controls">
                <p>{move || t(Msg::LabInfluenceNote)}</p>
            </div>
            <div class="plot-and-readout">
                <div class="figure-canvas bars-canvas" data-testid="lab-influence">
                    <canvas node_ref=bars_base_ref class="layer base" aria-hidden="true"></canvas>
                    <canvas node_ref=bars_overlay_ref class="layer overlay" data-testid="lab-influence-canvas"
                        role="img" aria-label=move || t(Msg::LabInfluenceAria)></canvas>
                </div>
                <section class="readout" aria-live="polite">
                    <h3>{move || t(Msg::LabSelectedTitle)}
                        {move || selected.get().and_then(|i| lab.with(|l| l.points.get(i).copied())).map(|(x, y)| view! {
                            ": (" <span data-testid="lab-selected-x">{number(x, 4)}</span> ", "
                            <span data-testid="lab-selected-y">{number(y, 4)}</span> ")"
                        })}
                    </h3>
                    <Show when=move || selected.get().is_some() fallback=move || view! { <p class="hint">{move || t(Msg::LabSelectedNone)}</p> }>
                        <table>
                            <thead><tr>
                                <th scope="col">{move || t(Msg::LabColFit)}</th>
                                <th scope="col">{move || t(Msg::LabColResidual)}</th>
                                <th scope="col">{move || t(Msg::LabColShare)}</th>
                                <th scope="col">{move || t(Msg::LabColPull)}</th>
                            </tr></thead>
                            <tbody>
                                {FitId::ALL.into_iter().enumerate().map(|(k, id)| {
                                    let key = id.key();
                                    let bars = move || figure.with(|f| selected.get().and_then(|i| f.bars_of(i)));
                                    let residual = move || figure.with(|f| selected.get().and_then(|i| f.residual(id, i)));
                                    view! {
                                        <tr>
                                            <th scope="row">{move || t(curve_name(id.curve()))}</th>
                                            <td data-testid=format!("lab-selected-{key}-residual")>{move || shown(residual(), 4)}</td>
                                            <td data-testid=format!("lab-selected-{key}-share")>{move || shown(bars().map(|b| b.share[k]), 3)}</td>
                                            <td data-testid=format!("lab-selected-{key}-pull")>{move || shown(bars().map(|b| b.raw_pull[k]), 4)}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </Show>
                </section>
            </div>
        </section>
    }
}
