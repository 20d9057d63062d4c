// <refinery-dmn-editor>: dmn-js 17 Modeler (DRD, decision tables, literal expressions) with Camunda's DMN
// extensions (camunda:historyTimeToLive, which Camunda 7.24 requires on every decision). Light DOM; the Java side
// puts it in a plain Div: inside a Vaadin layout's slot CodeMirror scrambles what is typed into a cell (STACK.md).
//   open(xml, readOnly) -> Promise<{warnings, view}>  opens the first decision table when there is one
//   xml()               -> Promise<string>
//   download(fileName)
// reports  dmn-changed {} after an edit (debounced)
import DmnModeler from 'dmn-js/lib/Modeler';
import DmnViewer from 'dmn-js/lib/NavigatedViewer';
import camundaDmnModdle from 'camunda-dmn-moddle/resources/camunda.json';
import { downloadXml } from './xml-download.js';

import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-js-boxed-expression.css';
import 'dmn-js/dist/assets/dmn-js-boxed-expression-controls.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';

const CHANGE_DELAY_MS = 150;

class RefineryDmnEditor extends HTMLElement {
  connectedCallback() {
    if (this._container) {
      return;
    }
    this._container = document.createElement('div');
    this._container.className = 'rde-container';
    this.appendChild(this._container);
  }

  async open(xml, readOnly) {
    this.connectedCallback();
    if (this._dmn) {
      this._dmn.destroy();
      this._container.replaceChildren();
    }
    this._readOnly = !!readOnly;
    this.toggleAttribute('read-only', this._readOnly);
    const Editor = this._readOnly ? DmnViewer : DmnModeler;
    this._dmn = new Editor({
      container: this._container,
      moddleExtensions: { camunda: camundaDmnModdle },
      common: { keyboard: { bind: true } }
    });
    this._dmn.on('views.changed', () => this._watchActiveViewer());
    const result = await this._dmn.importXML(xml);
    const table = this._dmn.getViews().find((v) => v.type === 'decisionTable');
    if (table) {
      await this._dmn.open(table);
    }
    this._watchActiveViewer();
    const active = this._dmn.getActiveView();
    return { warnings: (result.warnings || []).length, view: active ? active.type : '' };
  }

  async xml() {
    const { xml } = await this._dmn.saveXML({ format: true });
    return xml;
  }

  async download(fileName) {
    return downloadXml(await this.xml(), fileName || 'decision.dmn');
  }


  _watchActiveViewer() {
    const viewer = this._dmn && this._dmn.getActiveViewer();
    if (!viewer || viewer === this._watched || this._readOnly) {
      return;
    }
    this._watched = viewer;
    viewer.get('eventBus').on('elements.changed', () => {
      clearTimeout(this._timer);
      this._timer = setTimeout(() => this.dispatchEvent(new CustomEvent('dmn-changed')), CHANGE_DELAY_MS);
    });
  }
}

if (!customElements.get('refinery-dmn-editor')) {
  customElements.define('refinery-dmn-editor', RefineryDmnEditor);
}

const style = document.createElement('style');
style.textContent = `
  refinery-dmn-editor { display: block; position: relative; min-height: 300px; background: #fff;
    border: 1px solid var(--lumo-contrast-20pct, #ccc); overflow: auto; }
  refinery-dmn-editor .rde-container { position: absolute; inset: 0; overflow: auto; }
  refinery-dmn-editor .dmn-decision-table-container { font-size: 14px; }
`;
document.head.appendChild(style);
