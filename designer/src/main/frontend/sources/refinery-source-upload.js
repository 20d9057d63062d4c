// <refinery-source-upload>: drop zone and file list of SourceUploadPanel. It slices each File into chunks and POSTs
// them to the server-side handler Java bound to the `target` attribute (a Vaadin element request handler, so every
// request carries the Vaadin session and its sign-in). Progress, speed and time left are drawn here, without a
// server round trip; what the engine says about a file (sha256, preview, refusal) the server puts into the file's
// slot `file-<key>` once this element reports `source-done` / `source-failed` {detail: {key}}.
//
// Protocol (POST <target>?op=...): start {key,name,size,type} -> {uploadId, received}; append {id, offset} + raw
// chunk -> {received} (409 {received} when the offset is wrong); status {id} -> {received, size}; finish {id} ->
// {sourceId, sha256} (409 {received} when bytes are missing); preview {key}; cancel {id}. Errors: {error}.
// A chunk that fails (network, 5xx) is retried after a pause from what the server says it received.
//
// Attributes: target (set by Java), chunk-size (bytes), fault-every (tests only: every n-th chunk is cut in half
// and reported as failed, to exercise the resume). Property `texts`: every word it shows, from the server.

const MAX_ATTEMPTS = 8;
const TICK_MS = 250;
const SPEED_WINDOW_MS = 5000;

const STYLE = `
  :host { display: block; }
  .zone { border: 2px dashed var(--lumo-contrast-30pct); border-radius: var(--lumo-border-radius-l);
    padding: var(--lumo-space-l); display: flex; flex-wrap: wrap; align-items: center; gap: var(--lumo-space-m);
    background: var(--lumo-contrast-5pct); color: var(--lumo-secondary-text-color); }
  .zone.over { border-color: var(--lumo-primary-color); background: var(--lumo-primary-color-10pct); }
  .drop { font-size: var(--lumo-font-size-l); color: var(--lumo-body-text-color); }
  .hint { flex-basis: 100%; font-size: var(--lumo-font-size-s); }
  .files { display: flex; flex-direction: column; gap: var(--lumo-space-s); margin-top: var(--lumo-space-m); }
  .file { border: 1px solid var(--lumo-contrast-10pct); border-radius: var(--lumo-border-radius-m);
    padding: var(--lumo-space-s) var(--lumo-space-m); background: var(--lumo-base-color); }
  .head { display: flex; gap: var(--lumo-space-m); align-items: baseline; }
  .name { font-weight: 600; overflow-wrap: anywhere; }
  .state { color: var(--lumo-secondary-text-color); font-size: var(--lumo-font-size-s); flex: 1; }
  .file.failed .state { color: var(--lumo-error-text-color); }
  .file.done .state { color: var(--lumo-success-text-color); }
  .bar { height: 6px; border-radius: 3px; background: var(--lumo-contrast-10pct); margin: var(--lumo-space-xs) 0;
    overflow: hidden; }
  .fill { height: 100%; width: 0; background: var(--lumo-primary-color); transition: width 0.2s linear; }
  .file.done .fill { background: var(--lumo-success-color); }
  .file.failed .fill { background: var(--lumo-error-color); }
  .stats { font-size: var(--lumo-font-size-s); color: var(--lumo-secondary-text-color);
    font-variant-numeric: tabular-nums; display: flex; gap: var(--lumo-space-m); flex-wrap: wrap; }
  button.cancel { font: inherit; font-size: var(--lumo-font-size-s); color: var(--lumo-error-text-color);
    background: none; border: none; cursor: pointer; padding: 0; }
  button.cancel[hidden] { display: none; }
`;

function format(pattern, ...args) {
  return String(pattern ?? '').replace(/\{(\d+)\}/g, (m, i) => (args[i] !== undefined ? args[i] : m));
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

class RefinerySourceUpload extends HTMLElement {
  constructor() {
    super();
    this._texts = {};
    this._queue = [];
    this._running = false;
    this._seq = 0;
    this._files = new Map();
  }

  set texts(value) {
    this._texts = value || {};
    if (this._zone) {
      this._drop.textContent = this._t('drop');
      this._files.forEach((f) => this._draw(f));
    }
  }

  get texts() {
    return this._texts;
  }

  connectedCallback() {
    if (this._zone) {
      return;
    }
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${STYLE}</style>
      <div class="zone" part="zone"><span class="drop"></span><slot name="choose"></slot><slot name="input"></slot>
        <span class="hint"><slot name="hint"></slot></span></div>
      <div class="files" part="files"></div>`;
    this._zone = root.querySelector('.zone');
    this._drop = root.querySelector('.drop');
    this._list = root.querySelector('.files');
    this._drop.textContent = this._t('drop');
    for (const type of ['dragenter', 'dragover']) {
      this._zone.addEventListener(type, (e) => {
        e.preventDefault();
        this._zone.classList.add('over');
      });
    }
    this._zone.addEventListener('dragleave', () => this._zone.classList.remove('over'));
    this._zone.addEventListener('drop', (e) => {
      e.preventDefault();
      this._zone.classList.remove('over');
      this.addFiles(e.dataTransfer ? e.dataTransfer.files : []);
    });
    // the chooser button and the file input are light-DOM children Java made (slots "choose" and "input")
    this.addEventListener('click', (e) => {
      if (e.target.closest && e.target.closest('[slot="choose"]')) {
        const input = this._input();
        if (input) {
          input.click();
        }
      }
    });
    this.addEventListener('change', (e) => {
      const input = this._input();
      if (e.target === input) {
        this.addFiles(input.files);
        input.value = '';
      }
    });
  }

  _input() {
    return this.querySelector('input[type="file"]');
  }

  _t(key) {
    return this._texts[key] ?? '';
  }

  /** Queues files (a FileList or an array of File) for upload, one after another. */
  addFiles(list) {
    for (const file of Array.from(list || [])) {
      const key = `f${++this._seq}-${Math.random().toString(36).slice(2, 8)}`;
      const entry = { key, file, sent: 0, state: 'waiting', samples: [], attempts: 0, uploadId: null,
        cancelled: false, resumes: 0 };
      this._files.set(key, entry);
      this._build(entry);
      this._queue.push(entry);
    }
    this._pump();
  }

  async _pump() {
    if (this._running) {
      return;
    }
    this._running = true;
    try {
      while (this._queue.length) {
        const entry = this._queue.shift();
        if (!entry.cancelled) {
          await this._upload(entry);
        }
      }
    } finally {
      this._running = false;
    }
  }

  _build(entry) {
    const el = document.createElement('div');
    el.className = 'file';
    el.dataset.key = entry.key;
    el.dataset.name = entry.file.name;
    el.innerHTML = `<div class="head"><span class="name"></span><span class="state"></span>
        <button class="cancel" type="button"></button></div>
      <div class="bar"><div class="fill"></div></div>
      <div class="stats"><span class="sent"></span><span class="percent"></span><span class="speed"></span>
        <span class="left"></span></div>
      <slot name="file-${entry.key}"></slot>`;
    el.querySelector('.name').textContent = entry.file.name;
    el.querySelector('.cancel').addEventListener('click', () => this._cancel(entry));
    entry.el = el;
    this._list.appendChild(el);
    this._draw(entry);
  }

  _draw(entry) {
    const el = entry.el;
    const size = entry.file.size;
    const fraction = size > 0 ? entry.sent / size : entry.state === 'done' ? 1 : 0;
    el.className = `file ${entry.state}`;
    el.dataset.state = entry.state;
    el.dataset.sent = String(entry.sent);
    el.dataset.resumes = String(entry.resumes);
    el.querySelector('.fill').style.width = `${(fraction * 100).toFixed(1)}%`;
    let state = this._t(entry.state);
    if (entry.state === 'retrying') {
      state = format(this._t('retrying'), entry.attempts, MAX_ATTEMPTS);
    } else if (entry.state === 'failed' && entry.gaveUp) {
      state = format(this._t('gaveUp'), MAX_ATTEMPTS);
    }
    el.querySelector('.state').textContent = state;
    const cancel = el.querySelector('.cancel');
    cancel.textContent = this._t('cancel');
    cancel.hidden = !['waiting', 'uploading', 'retrying'].includes(entry.state);
    el.querySelector('.sent').textContent = format(this._t('progress'), this._bytes(entry.sent), this._bytes(size));
    el.querySelector('.percent').textContent = `${Math.floor(fraction * 100)} %`;
    const active = entry.state === 'uploading' || entry.state === 'retrying';
    const speed = active ? this._speed(entry) : 0;
    el.querySelector('.speed').textContent = speed > 0 ? format(this._t('speed'), this._bytes(speed)) : '';
    el.querySelector('.left').textContent = speed > 0
      ? format(this._t('left'), this._duration((size - entry.sent) / speed)) : '';
  }

  _lang() {
    return document.documentElement.lang || navigator.language;
  }

  _bytes(n) {
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let value = n;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    const digits = unit === 0 || value >= 100 ? 0 : 1;
    return `${new Intl.NumberFormat(this._lang(), { maximumFractionDigits: digits,
      minimumFractionDigits: digits }).format(value)} ${units[unit]}`;
  }

  _duration(seconds) {
    const s = Math.max(0, Math.round(seconds));
    if (s < 60) {
      return format(this._t('seconds'), s);
    }
    if (s < 3600) {
      return format(this._t('minutes'), Math.floor(s / 60), s % 60);
    }
    return format(this._t('hours'), Math.floor(s / 3600), Math.floor((s % 3600) / 60));
  }

  /** Bytes per second over the last few seconds. */
  _speed(entry) {
    const now = performance.now();
    entry.samples = entry.samples.filter((s) => now - s.t <= SPEED_WINDOW_MS);
    if (entry.samples.length < 2) {
      return 0;
    }
    const first = entry.samples[0];
    const last = entry.samples[entry.samples.length - 1];
    const ms = last.t - first.t;
    return ms > 200 ? ((last.bytes - first.bytes) * 1000) / ms : 0;
  }

  _progress(entry, sent) {
    entry.sent = sent;
    entry.samples.push({ t: performance.now(), bytes: sent });
    const now = performance.now();
    if (!entry.drawnAt || now - entry.drawnAt >= TICK_MS) {
      entry.drawnAt = now;
      this._draw(entry);
    }
  }

  _setState(entry, state) {
    entry.state = state;
    this._draw(entry);
  }

  /** One POST to the handler; resolves to {status, body} (status 0: the request did not get through). */
  _post(params, body, onProgress) {
    return new Promise((resolve) => {
      const target = this.getAttribute('target');
      const url = `${target}${target.includes('?') ? '&' : '?'}${new URLSearchParams(params)}`;
      const xhr = new XMLHttpRequest();
      xhr.open('POST', url);
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      if (onProgress) {
        xhr.upload.onprogress = (e) => onProgress(e.loaded);
      }
      xhr.onload = () => {
        let json = {};
        try {
          json = JSON.parse(xhr.responseText || '{}');
        } catch (ignored) {
          json = {};
        }
        resolve({ status: xhr.status, body: json });
      };
      xhr.onerror = () => resolve({ status: 0, body: {} });
      xhr.onabort = () => resolve({ status: 0, body: {} });
      xhr.ontimeout = () => resolve({ status: 0, body: {} });
      xhr.send(body || null);
    });
  }

  _transient(answer) {
    return answer.status === 0 || answer.status >= 500;
  }

  /** Waits a little longer after each failure, then asks the server how much of the file it holds. */
  async _resume(entry) {
    for (;;) {
      entry.attempts++;
      if (entry.attempts > MAX_ATTEMPTS) {
        entry.gaveUp = true;
        this._setState(entry, 'failed');
        return null;
      }
      this._setState(entry, 'retrying');
      await sleep(Math.min(10000, 250 * 2 ** (entry.attempts - 1)));
      if (entry.cancelled) {
        return null;
      }
      const status = await this._post({ op: 'status', id: entry.uploadId });
      if (status.status === 200) {
        entry.resumes++;
        return status.body.received;
      }
      if (!this._transient(status)) {
        return this._failed(entry);
      }
    }
  }

  _failed(entry) {
    this._setState(entry, 'failed');
    this._emit('source-failed', entry);
    return null;
  }

  _emit(type, entry) {
    this.dispatchEvent(new CustomEvent(type, { detail: { key: entry.key } }));
  }

  async _upload(entry) {
    const file = entry.file;
    const chunk = Math.max(1, parseInt(this.getAttribute('chunk-size'), 10) || 8 * 1024 * 1024);
    const faultEvery = parseInt(this.getAttribute('fault-every'), 10) || 0;
    this._setState(entry, 'uploading');
    let started;
    for (;;) {
      started = await this._post({ op: 'start', key: entry.key, name: file.name, size: file.size,
        type: file.type || '' });
      if (!this._transient(started) || ++entry.attempts > MAX_ATTEMPTS) {
        break;
      }
      this._setState(entry, 'retrying');
      await sleep(Math.min(10000, 250 * 2 ** (entry.attempts - 1)));
    }
    if (started.status !== 200) {
      entry.gaveUp = this._transient(started);
      this._failed(entry);
      return;
    }
    entry.attempts = 0;
    entry.uploadId = started.body.uploadId;
    let offset = started.body.received || 0;
    let chunks = 0;
    this._setState(entry, 'uploading');
    while (!entry.cancelled) {
      if (offset >= file.size) {
        const done = await this._post({ op: 'finish', id: entry.uploadId, key: entry.key });
        if (done.status === 200) {
          break;
        }
        if (done.status === 409 && typeof done.body.received === 'number') {
          offset = done.body.received; // bytes missing: send them
          continue;
        }
        if (this._transient(done)) {
          const received = await this._resume(entry);
          if (received === null) {
            return;
          }
          offset = received;
          continue;
        }
        this._failed(entry);
        return;
      }
      const end = Math.min(file.size, offset + chunk);
      chunks++;
      const fault = faultEvery > 0 && chunks % faultEvery === 0 && end - offset > 1;
      const body = file.slice(offset, fault ? offset + Math.floor((end - offset) / 2) : end);
      const from = offset;
      const answer = await this._post({ op: 'append', id: entry.uploadId, offset: from }, body,
        (loaded) => this._progress(entry, from + loaded));
      if (answer.status === 200 && !fault) {
        offset = answer.body.received;
        entry.attempts = 0;
        if (entry.state !== 'uploading') {
          this._setState(entry, 'uploading');
        }
        this._progress(entry, offset);
        continue;
      }
      if (answer.status === 409 && typeof answer.body.received === 'number') {
        offset = answer.body.received; // the server holds another count: go on from there
        entry.resumes++;
        this._progress(entry, offset);
        continue;
      }
      if (answer.status === 200 || this._transient(answer)) {
        const received = await this._resume(entry);
        if (received === null) {
          return;
        }
        offset = received;
        this._progress(entry, offset);
        continue;
      }
      this._failed(entry);
      return;
    }
    if (entry.cancelled) {
      return;
    }
    entry.sent = file.size;
    this._setState(entry, 'previewing');
    await this._post({ op: 'preview', key: entry.key });
    this._setState(entry, 'done');
    this._emit('source-done', entry);
  }

  async _cancel(entry) {
    entry.cancelled = true;
    this._setState(entry, 'cancelled');
    if (entry.uploadId) {
      await this._post({ op: 'cancel', id: entry.uploadId });
    }
  }
}

customElements.define('refinery-source-upload', RefinerySourceUpload);
