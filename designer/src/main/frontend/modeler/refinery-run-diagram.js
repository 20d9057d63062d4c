// <refinery-run-diagram>: one demand's run drawn on its own process (bpmn-js NavigatedViewer, read-only): the steps it
// passed (green), where it is now (blue, with its progress bar or its open tasks under the element), in light DOM so
// that the bpmn-io CSS imported here applies. Java drives it with
//   show(xml)      -> Promise; draws the diagram (fit to the frame) and the last marks again
//   mark(json)     [{elementId, active, text, fraction, title}]: fraction 0–1 draws a bar, -1 a moving one, null none
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';

import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import './refinery-run-diagram.css';

class RefineryRunDiagram extends HTMLElement {
  constructor() {
    super();
    this._marks = [];
    this._shown = [];
  }

  connectedCallback() {
    if (!this._viewer) {
      this._frame = document.createElement('div');
      this._frame.className = 'rrd-frame';
      this.append(this._frame);
      this._viewer = new NavigatedViewer({ container: this._frame });
    }
  }

  disconnectedCallback() {
    // kept: Vaadin may re-attach the same element; show() imports again anyway
  }

  async show(xml) {
    this.connectedCallback();
    this._shown = [];
    await this._viewer.importXML(xml);
    this._viewer.get('canvas').zoom('fit-viewport', 'auto');
    this._draw();
  }

  mark(json) {
    this._marks = JSON.parse(json || '[]');
    if (this._viewer) {
      this._draw();
    }
  }

  _draw() {
    const canvas = this._viewer.get('canvas');
    const overlays = this._viewer.get('overlays');
    const registry = this._viewer.get('elementRegistry');
    this._shown.forEach((id) => {
      canvas.removeMarker(id, 'rrd-done');
      canvas.removeMarker(id, 'rrd-active');
    });
    overlays.remove({ type: 'refinery-run' });
    this._shown = [];
    this._marks.forEach((m) => {
      const element = registry.get(m.elementId);
      if (!element || element.waypoints) {
        return;
      }
      canvas.addMarker(element.id, m.active ? 'rrd-active' : 'rrd-done');
      this._shown.push(element.id);
      if (!m.text) {
        return;
      }
      const html = document.createElement('div');
      html.className = 'rrd-note' + (m.active ? ' rrd-note-active' : '');
      html.title = m.title || m.text;
      html.setAttribute('data-element', element.id);
      if (m.fraction !== null && m.fraction !== undefined) {
        const bar = document.createElement('div');
        bar.className = 'rrd-bar' + (m.fraction < 0 ? ' rrd-bar-moving' : '');
        const fill = document.createElement('div');
        fill.className = 'rrd-fill';
        fill.style.width = (m.fraction < 0 ? 30 : Math.round(m.fraction * 100)) + '%';
        bar.append(fill);
        html.append(bar);
      }
      const text = document.createElement('div');
      text.className = 'rrd-text';
      text.textContent = m.text;
      html.append(text);
      overlays.add(element.id, 'refinery-run', {
        position: { top: element.height + 4, left: -10 }, scale: { min: 1, max: 1.2 }, html
      });
    });
  }
}

customElements.define('refinery-run-diagram', RefineryRunDiagram);
