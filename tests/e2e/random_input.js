// Random input on the open page (the e2e test `random_input_…` runs it through WebDriver): slider
// steps (a third at an end of their range), typed numbers (huge, tiny, empty, words), clicks on the
// page's buttons, checkboxes and choices, pointer drags across its canvases, keys on them — `steps`
// actions from a seeded generator. Stops at the first crash page, "NaN", "Infinity" or "undefined"
// on screen, console error or exception, and reports it with the last actions; else "ok".
const [seed0, steps] = [arguments[0], arguments[1]];
const done = arguments[arguments.length - 1];
let seed = seed0;
const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const pick = list => list[Math.floor(rnd() * list.length)];
const problems = [];
const original = console.error;
console.error = (...parts) => { problems.push('console error: ' + parts.join(' ').slice(0, 300)); original(...parts); };
const onError = e => problems.push('exception: ' + e.message);
window.addEventListener('error', onError);
const sleep = ms => new Promise(r => setTimeout(r, ms));
const log = [];
const inPage = el => !el.closest('header, nav, footer');
const actions = [
  [0.35, () => {
    const s = pick([...document.querySelectorAll('input[type=range]')].filter(inPage)); if (!s) return;
    const v = rnd() < 0.3 ? (rnd() < 0.5 ? s.min : s.max) : String(Math.round(Number(s.min) + rnd() * (Number(s.max) - Number(s.min))));
    s.value = v; s.dispatchEvent(new Event('input', { bubbles: true })); log.push(`slider ${s.dataset.testid}=${v}`);
  }],
  [0.1, () => {
    const n = pick([...document.querySelectorAll('input[type=number]')].filter(inPage)); if (!n) return;
    const v = pick(['0', '-1e9', '1e9', '', 'abc', '-0', '1e-300', String(rnd() * 10)]);
    n.value = v; n.dispatchEvent(new Event('input', { bubbles: true })); n.dispatchEvent(new Event('change', { bubbles: true }));
    log.push(`number ${n.dataset.testid}=${v}`);
  }],
  [0.15, () => {
    // Not the export buttons (they download files) nor links (they leave the page).
    const b = pick([...document.querySelectorAll('button, input[type=checkbox], select')].filter(inPage).filter(b => !/png|svg|copy|link/i.test(b.dataset.testid || ''))); if (!b) return;
    if (b.tagName === 'SELECT') { b.selectedIndex = Math.floor(rnd() * b.options.length); b.dispatchEvent(new Event('change', { bubbles: true })); } else b.click();
    log.push(`click ${b.dataset.testid || b.tagName}`);
  }],
  [0.3, () => {
    const c = pick([...document.querySelectorAll('canvas[tabindex]')]); if (!c) return;
    const r = c.getBoundingClientRect();
    const fire = (type, x, y, buttons) => c.dispatchEvent(new PointerEvent(type, { bubbles: true, cancelable: true, pointerId: 1, pointerType: 'mouse', isPrimary: true, button: 0, buttons, clientX: r.left + x, clientY: r.top + y }));
    let [x, y] = [rnd() * r.width, rnd() * r.height];
    fire('pointerdown', x, y, 1);
    for (let k = 0; k < 5; k++) { x += (rnd() - 0.5) * 200; y += (rnd() - 0.5) * 200; fire('pointermove', x, y, 1); }
    fire('pointerup', x, y, 0); log.push(`drag on ${c.dataset.testid}`);
  }],
  [0.1, () => {
    const c = pick([...document.querySelectorAll('canvas[tabindex]')]); if (!c) return;
    const key = pick(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'n', 'p', 's', 'Delete', 'Enter', ' ', 'a', 'Escape']);
    c.focus(); c.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, shiftKey: rnd() < 0.3 }));
    log.push(`key ${key} on ${c.dataset.testid}`);
  }],
];
const check = () => {
  if (document.querySelector("[data-testid='crash']")) problems.push('the crash page');
  const text = document.body.innerText;
  for (const bad of ['NaN', 'Infinity', 'undefined']) if (text.includes(bad)) problems.push(`"${bad}" on screen`);
};
(async () => {
  for (let i = 0; i < steps && !problems.length; i++) {
    let u = rnd();
    const action = actions.find(([p]) => (u -= p) < 0) || actions[0];
    try { action[1](); } catch (e) { problems.push('exception: ' + e.message); }
    // Effects run after the task; a longer pause now and then lets frames and timers run too.
    await sleep(i % 10 === 0 ? 30 : 2);
    check();
  }
  await sleep(700);
  check();
  console.error = original;
  window.removeEventListener('error', onError);
  done(problems.length ? `${problems[0]} after: ${log.slice(-6).join(' | ')}` : 'ok');
})();
