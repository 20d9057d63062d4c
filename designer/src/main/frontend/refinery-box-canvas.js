// <refinery-box-canvas>: an image with rectangles over Annotorious 3 (BSD-3). Light DOM, so Annotorious' global
// CSS applies. Coordinates are IMAGE PIXELS at any zoom: Annotorious maps pointer positions through the SVG
// viewBox, which equals the image's natural size; zoom only changes the <img> width.
// Java drives it with setImage/setLabels/setBoxes/setCurrentLabel/zoom*, and it reports
//   boxes-changed  {detail: {json}}      after every user change (debounced while dragging)
//   state-changed  {detail: {zoom, selected, current}}
import { createImageAnnotator } from '@annotorious/annotorious';
import '@annotorious/annotorious/annotorious.css';

const PALETTE = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#00a3b4', '#f032e6', '#9a6324', '#808000'];
const EMIT_DELAY_MS = 120;
const MIN_ZOOM = 0.1;
const MAX_ZOOM = 8;

class RefineryBoxCanvas extends HTMLElement {
  static get observedAttributes() {
    return ['src', 'read-only'];
  }

  constructor() {
    super();
    this._labels = [];
    this._boxes = []; // pending boxes until the annotator exists
    this._current = null;
    this._zoom = 1;
    this._fitted = false;
    this._selected = null;
    this._seq = 0;
    this._applying = false;
    this._timer = null;
  }

  connectedCallback() {
    if (this._viewport) {
      return;
    }
    this.tabIndex = 0;
    this.classList.add('rbc');
    this._viewport = document.createElement('div');
    this._viewport.className = 'rbc-viewport';
    this._img = document.createElement('img');
    this._img.className = 'rbc-image';
    this._img.alt = '';
    this._img.draggable = false;
    this._viewport.appendChild(this._img);
    this.appendChild(this._viewport);
    this._img.addEventListener('load', () => this._imageLoaded());
    this._viewport.addEventListener('wheel', (e) => this._wheel(e), { passive: false });
    this.addEventListener('keydown', (e) => this._key(e));
    const src = this.getAttribute('src');
    if (src) {
      this._img.src = src;
    }
  }

  attributeChangedCallback(name, oldValue, value) {
    if (name === 'src' && this._img && value && value !== oldValue) {
      this._fitted = false;
      this._img.src = value;
    }
    if (name === 'read-only' && this._anno) {
      this._anno.setDrawingEnabled(!this.readOnly);
    }
  }

  get readOnly() {
    return this.hasAttribute('read-only');
  }

  // ------------------------------------------------------------------ API for Java

  setLabels(json) {
    this._labels = JSON.parse(json || '[]');
    this._refresh();
  }

  setCurrentLabel(label) {
    this._current = label || null;
    const id = this._selected;
    if (id && this._anno && !this.readOnly) {
      this._setLabel(id, this._current);
    }
    this._state();
  }

  /** json: {"boxes":[{x,y,w,h,label[,color,caption,tag:'below']}]} */
  setBoxes(json) {
    this._boxes = (JSON.parse(json || '{"boxes":[]}').boxes || []);
    this._apply();
  }

  zoomIn() {
    this._setZoom(this._zoom * 1.25);
  }

  zoomOut() {
    this._setZoom(this._zoom / 1.25);
  }

  setZoom(zoom) {
    this._setZoom(zoom);
  }

  fit() {
    const w = this._img && this._img.naturalWidth;
    if (!w) {
      return;
    }
    const vw = this._viewport.clientWidth - 2;
    const vh = this._viewport.clientHeight - 2;
    this._setZoom(Math.min(vw / w, vh > 20 ? vh / this._img.naturalHeight : Infinity, MAX_ZOOM));
  }

  // ------------------------------------------------------------------ internals

  _imageLoaded() {
    if (!this._anno) {
      this._anno = createImageAnnotator(this._img, {
        drawingEnabled: !this.readOnly,
        drawingMode: 'drag',
        userSelectAction: this.readOnly ? 'NONE' : 'EDIT',
        autoSave: true,
        style: (a) => this._style(a),
        theme: 'light'
      });
      this._anno.setDrawingTool('rectangle');
      this._wrapper = this._img.parentElement; // Annotorious wraps the image in a relative div
      this._tags = document.createElement('div');
      this._tags.className = 'rbc-tags';
      this._wrapper.appendChild(this._tags);
      this._anno.on('createAnnotation', (a) => {
        if (this._current && !this._labelOf(a)) {
          this._setLabel(a.id, this._current);
        }
      });
      this._anno.on('selectionChanged', (sel) => {
        this._selected = sel && sel.length ? sel[0].id : null;
        if (this._selected) {
          this.focus({ preventScroll: true });
        }
        this._state();
      });
      this._anno.state.store.observe(() => {
        this._renderTags();
        if (!this._applying) {
          this._emitSoon();
        }
      });
    } else {
      this._applying = true; // a new image: not a user change
      try {
        this._anno.clearAnnotations();
      } finally {
        this._applying = false;
      }
    }
    if (!this._fitted) {
      this._fitted = true;
      const vw = this._viewport.clientWidth;
      if (vw > 0 && this._img.naturalWidth > vw) {
        this.fit();
      } else {
        this._setZoom(this._zoom);
      }
    }
    this._apply();
  }

  _apply() {
    if (!this._anno) {
      return;
    }
    this._applying = true;
    try {
      this._colors = {};
      this._captions = {};
      this._below = {};
      const annotations = this._boxes.map((b) => {
        const id = 'box-' + (++this._seq);
        if (b.color) {
          this._colors[id] = b.color;
        }
        if (b.caption) {
          this._captions[id] = b.caption;
        }
        if (b.tag === 'below') {
          this._below[id] = true;
        }
        return this._toAnnotation(id, b);
      });
      this._anno.setAnnotations(annotations, true);
    } finally {
      this._applying = false;
    }
    this._selected = null;
    this._renderTags();
  }

  _toAnnotation(id, b) {
    const bodies = b.label ? [{ id: id + '-label', annotation: id, purpose: 'tagging', value: b.label }] : [];
    return {
      id,
      bodies,
      target: {
        annotation: id,
        selector: {
          type: 'RECTANGLE',
          geometry: { x: b.x, y: b.y, w: b.w, h: b.h, bounds: { minX: b.x, minY: b.y, maxX: b.x + b.w, maxY: b.y + b.h } }
        }
      }
    };
  }

  _labelOf(a) {
    const body = (a.bodies || []).find((b) => b.purpose === 'tagging');
    return body ? body.value : null;
  }

  _setLabel(id, label) {
    const a = this._anno.getAnnotationById(id);
    if (!a) {
      return;
    }
    const bodies = label ? [{ id: id + '-label', annotation: id, purpose: 'tagging', value: label }] : [];
    this._anno.updateAnnotation({ ...a, bodies });
    this._renderTags();
    this._emitSoon();
  }

  _currentBoxes() {
    return this._anno.getAnnotations()
      .filter((a) => a.target && a.target.selector && a.target.selector.type === 'RECTANGLE')
      .map((a) => {
        const g = a.target.selector.geometry;
        const box = { x: round(g.x), y: round(g.y), w: round(g.w), h: round(g.h) };
        const label = this._labelOf(a);
        if (label) {
          box.label = label;
        }
        return box;
      });
  }

  _emitSoon() {
    clearTimeout(this._timer);
    this._timer = setTimeout(() => {
      if (this.readOnly || !this._anno) {
        return;
      }
      const json = JSON.stringify({ boxes: this._currentBoxes() });
      this.dispatchEvent(new CustomEvent('boxes-changed', { detail: { json } }));
    }, EMIT_DELAY_MS);
  }

  _state() {
    const a = this._selected && this._anno ? this._anno.getAnnotationById(this._selected) : null;
    this.dispatchEvent(new CustomEvent('state-changed', {
      detail: { zoom: this._zoom, selected: a ? (this._labelOf(a) || '') : null, current: this._current }
    }));
  }

  _color(a) {
    if (this._colors && this._colors[a.id]) {
      return this._colors[a.id];
    }
    const i = this._labels.indexOf(this._labelOf(a));
    return i < 0 ? '#ffffff' : PALETTE[i % PALETTE.length];
  }

  _style(a) {
    return { stroke: this._color(a), strokeWidth: 2, fill: this._color(a), fillOpacity: 0.12 };
  }

  _refresh() {
    if (this._anno) {
      this._anno.setStyle((a) => this._style(a));
      this._renderTags();
    }
  }

  _renderTags() {
    if (!this._tags || !this._img.naturalWidth) {
      return;
    }
    const W = this._img.naturalWidth;
    const H = this._img.naturalHeight;
    this._tags.replaceChildren();
    for (const a of this._anno.getAnnotations()) {
      const g = a.target.selector.geometry;
      const label = this._labelOf(a);
      const caption = this._captions && this._captions[a.id];
      const text = [label, caption].filter((t) => t).join(' · ');
      if (!text) {
        continue;
      }
      const tag = document.createElement('span');
      tag.className = 'rbc-tag';
      tag.textContent = text;
      tag.style.left = (100 * g.x / W) + '%';
      if (this._below && this._below[a.id]) {
        tag.style.top = (100 * (g.y + g.h) / H) + '%';
        tag.classList.add('rbc-tag-below');
      } else {
        tag.style.top = (100 * g.y / H) + '%';
      }
      tag.style.background = this._color(a);
      this._tags.appendChild(tag);
    }
  }

  _setZoom(zoom) {
    const z = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom || 1));
    this._zoom = z;
    if (this._img && this._img.naturalWidth) {
      this._img.style.width = Math.round(this._img.naturalWidth * z) + 'px';
      this._img.style.height = Math.round(this._img.naturalHeight * z) + 'px';
    }
    this._state();
  }

  _wheel(e) {
    if (!this._img.naturalWidth) {
      return;
    }
    e.preventDefault();
    const rect = this._viewport.getBoundingClientRect();
    const px = e.clientX - rect.left + this._viewport.scrollLeft;
    const py = e.clientY - rect.top + this._viewport.scrollTop;
    const before = this._zoom;
    this._setZoom(e.deltaY < 0 ? before * 1.1 : before / 1.1);
    const k = this._zoom / before;
    this._viewport.scrollLeft = px * k - (e.clientX - rect.left);
    this._viewport.scrollTop = py * k - (e.clientY - rect.top);
  }

  _key(e) {
    if (e.ctrlKey || e.metaKey || e.altKey) {
      return;
    }
    if (e.key === '+' || e.key === '=') {
      this.zoomIn();
    } else if (e.key === '-') {
      this.zoomOut();
    } else if (e.key === '0') {
      this.fit();
    } else if (e.key === 'Escape' && this._selected && this._anno) {
      this._anno.cancelSelected();
    } else if (!this.readOnly && /^[1-9]$/.test(e.key)) {
      const label = this._labels[Number(e.key) - 1];
      if (label) {
        this.setCurrentLabel(label);
      }
    } else if (!this.readOnly && (e.key === 'Delete' || e.key === 'Backspace') && this._selected) {
      const id = this._selected;
      this._selected = null;
      this._anno.cancelSelected();
      this._anno.removeAnnotation(id);
      this._renderTags();
      this._emitSoon();
      this._state();
    } else {
      return;
    }
    e.preventDefault();
    e.stopPropagation();
  }
}

function round(v) {
  return Math.round(v * 100) / 100;
}

if (!customElements.get('refinery-box-canvas')) {
  customElements.define('refinery-box-canvas', RefineryBoxCanvas);
}

const style = document.createElement('style');
style.textContent = `
  refinery-box-canvas { display: block; position: relative; outline: none; min-height: 200px; }
  refinery-box-canvas:focus-visible { box-shadow: 0 0 0 2px var(--lumo-primary-color-50pct, #4a90e2); }
  refinery-box-canvas .rbc-viewport { position: absolute; inset: 0; overflow: auto; background: #2b2f36; line-height: 0; }
  refinery-box-canvas .rbc-viewport > div { vertical-align: top; }
  refinery-box-canvas .rbc-image { max-width: none; user-select: none; }
  refinery-box-canvas .rbc-tags { position: absolute; inset: 0; pointer-events: none; }
  refinery-box-canvas .rbc-tag { position: absolute; transform: translateY(-100%); color: #fff; font: 600 11px/1.3 sans-serif;
    padding: 0 4px; border-radius: 2px 2px 0 0; white-space: nowrap; text-shadow: 0 0 2px #000; }
  refinery-box-canvas .rbc-tag.rbc-tag-below { transform: none; border-radius: 0 0 2px 2px; }
`;
document.head.appendChild(style);
