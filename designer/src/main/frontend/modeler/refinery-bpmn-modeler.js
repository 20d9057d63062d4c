// <refinery-bpmn-modeler>: bpmn-js Modeler with the Camunda 7 properties panel, element templates (dataset steps in
// the palette and in the create/append menus), bpmnlint, minimap; or, read-only, a NavigatedViewer. Light DOM, so
// the bpmn-io CSS imported here applies; the Java side puts it in a plain Div (STACK.md: not in a layout's slot).
//
// Java keeps the truth (which document is open, drafts, validation); the element only edits. Java drives it with
//   setTexts(json)              texts in the user's language: {language: 'zh'|'en', steps: {templateId: label},
//                               lint: {rule: message}}; bpmn-js' own texts follow language (refinery-bpmn-translate.js)
//   setTemplates(json)          the Camunda 7 element templates (array)
//   open(xml, readOnly)         -> Promise<{warnings: n}>; rejects with the import error's message
//   xml()                       -> Promise<string>, saveXML({format: true})
//   download(fileName)          saveXML and hand the file to the browser
//   undo() redo() zoomIn() zoomOut() fit() selectElement(id) showServerProblems(json) lint()
//   showCounts(json)            {legend: {running, finished, incidents}, counts: [{elementId, running, finished,
//                               incidents, title}]}: badges of a deployed version's runs, and what their colours mean
// and it reports
//   lint-changed     {detail: {json}}  [{elementId, rule, category, message}] after every lint (after each change)
//   diagram-changed  {}                the user changed the diagram (debounced)
//   element-selected {detail: {id}}
import Modeler from 'bpmn-js/lib/Modeler';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule
} from 'bpmn-js-properties-panel';
import { ElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import ElementTemplateChooserModule from '@bpmn-io/element-template-chooser';
import { CreateAppendAnythingModule, CreateAppendElementTemplatesModule } from 'bpmn-js-create-append-anything';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import MinimapModule from 'diagram-js-minimap';
import LintModule from 'bpmn-js-bpmnlint';
import lintConfig, { setTexts as setLintTexts } from './refinery-lint.js';
import DatasetStepsModule from './dataset-steps.js';
import { translateModule } from './refinery-bpmn-translate.js';
import { downloadXml } from './xml-download.js';

import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-element-templates/dist/assets/element-templates.css';
import '@bpmn-io/element-template-chooser/dist/element-template-chooser.css';
import 'diagram-js-minimap/assets/diagram-js-minimap.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import './refinery-bpmn-modeler.css';

const CHANGE_DELAY_MS = 150;

class RefineryBpmnModeler extends HTMLElement {
  constructor() {
    super();
    this._templates = [];
    this._texts = { language: 'en', steps: {}, lint: {} };
    this._serverOverlays = [];
    this._timer = null;
  }

  connectedCallback() {
    if (this._canvas) {
      return;
    }
    this.classList.add('rbm');
    this._canvas = document.createElement('div');
    this._canvas.className = 'rbm-canvas';
    this._properties = document.createElement('div');
    this._properties.className = 'rbm-properties';
    this.append(this._canvas, this._properties);
  }

  // ------------------------------------------------------------------ API for Java

  setTexts(json) {
    const before = this._texts.language;
    this._texts = Object.assign({ language: 'en', steps: {}, lint: {} }, JSON.parse(json || '{}'));
    setLintTexts(this._texts.lint);
    if (this._bpmn && !this._readOnly) {
      this._bpmn.get('datasetStepLabels').set(this._texts.steps);
      this._bpmn.get('palette')._rebuild();
      if (before !== this._texts.language) {
        // the properties panel asks translate again when its providers change; menus ask each time they open
        this._bpmn.get('eventBus').fire('propertiesPanel.providersChanged');
        const minimap = this._bpmn.get('minimap', false);
        if (minimap) {
          minimap.toggle(!minimap.isOpen()); // its toggle's title is set on open and close
          minimap.toggle(!minimap.isOpen());
        }
      }
      this.lint();
    }
  }

  setTemplates(json) {
    this._templates = JSON.parse(json || '[]');
    if (this._bpmn && !this._readOnly) {
      this._bpmn.get('elementTemplatesLoader').setTemplates(this._templates);
      this._bpmn.get('palette')._rebuild();
    }
  }

  async open(xml, readOnly) {
    this.connectedCallback();
    this._create(!!readOnly);
    this._clearServerProblems();
    this._counts = []; // a showCounts() right after open() refills them; they are drawn once the import is done
    this._drawCountsLegend();
    this._importing = true;
    try {
      const result = await this._bpmn.importXML(xml);
      this._importing = false;
      this._drawCounts();
      this.fit();
      if (!this._readOnly) {
        this._bpmn.get('minimap').open();
        this._focusCanvas();
      }
      return { warnings: (result.warnings || []).length };
    } catch (e) {
      this._importing = false;
      throw new Error(e && e.message ? e.message : String(e));
    }
  }

  async xml() {
    // an edit whose report is still waiting goes first: the server then hears "changed" before it gets this XML,
    // which already holds the edit (else a late report would void a validation of the very diagram it covers)
    this._flushChange();
    const { xml } = await this._bpmn.saveXML({ format: true });
    return xml;
  }

  async download(fileName) {
    return downloadXml(await this.xml(), fileName || 'diagram.bpmn');
  }


  undo() {
    this._editor('commandStack', (c) => c.undo());
  }

  redo() {
    this._editor('commandStack', (c) => c.redo());
  }

  zoomIn() {
    this._zoomBy(1.2);
  }

  zoomOut() {
    this._zoomBy(1 / 1.2);
  }

  /** The whole diagram in view, right of the palette (zoom at most 1). */
  fit() {
    if (!this._bpmn) {
      return;
    }
    const canvas = this._bpmn.get('canvas');
    canvas.zoom('fit-viewport', 'auto');
    const { inner, outer } = canvas.viewbox();
    // right of the palette and of the dataset steps column beside it
    const box = this._canvas.getBoundingClientRect();
    const tools = this._readOnly ? [] : Array.from(this._canvas.querySelectorAll(
      '.djs-palette, .djs-palette .group[data-group="refinery-steps"]'));
    const left = tools.reduce((max, e) => Math.max(max, e.getBoundingClientRect().right - box.left), 0) + 16;
    const width = Math.max(100, outer.width - left - 16);
    const height = Math.max(100, outer.height - 32);
    if (!inner.width || !inner.height) {
      return;
    }
    const scale = Math.min(width / inner.width, height / inner.height, 1);
    canvas.viewbox({
      x: inner.x - left / scale - (width / scale - inner.width) / 2,
      y: inner.y - (outer.height / scale - inner.height) / 2,
      width: outer.width / scale,
      height: outer.height / scale
    });
  }

  /** Selects the element (or the process) and scrolls it into view. */
  selectElement(id) {
    if (!this._bpmn || !id) {
      return false;
    }
    const registry = this._bpmn.get('elementRegistry');
    const canvas = this._bpmn.get('canvas');
    let element = registry.get(id);
    if (!element) {
      // a process inside a participant, or the root process
      element = registry.find((e) => e.businessObject && e.businessObject.processRef
        && e.businessObject.processRef.id === id) || canvas.getRootElement();
    }
    if (element !== canvas.getRootElement()) {
      canvas.scrollToElement(element, { top: 120, bottom: 120, left: 120, right: 120 });
    }
    if (!this._readOnly) {
      this._bpmn.get('selection').select(element);
      this._focusCanvas(); // keyboard shortcuts (Delete, Ctrl+Z) act on it next
    }
    this._flash(element.id);
    return true;
  }

  /** [{elementId, message}]: the engine's problems, as overlays on their elements (besides the lint overlays). */
  showServerProblems(json) {
    this._clearServerProblems();
    if (!this._bpmn) {
      return;
    }
    const problems = JSON.parse(json || '[]');
    const registry = this._bpmn.get('elementRegistry');
    const overlays = this._bpmn.get('overlays');
    const byElement = {};
    problems.forEach((p) => {
      const element = p.elementId && registry.get(p.elementId);
      if (element && element.type !== 'label') {
        (byElement[element.id] = byElement[element.id] || []).push(p.message);
      }
    });
    Object.keys(byElement).forEach((id) => {
      const html = document.createElement('div');
      html.className = 'rbm-server-problem';
      html.title = byElement[id].join('\n');
      html.textContent = '!';
      const position = registry.get(id).waypoints ? { top: -10, left: -10 } : { top: -10, right: 10 };
      this._serverOverlays.push(overlays.add(id, 'refinery-server-problem', { position, html }));
      this._bpmn.get('canvas').addMarker(id, 'rbm-has-server-problem');
    });
    this._serverMarked = Object.keys(byElement);
  }

  /**
   * {legend, counts: [{elementId, running, finished, incidents, title}]}: how many runs are at each element now, went
   * through it, or have an open incident there — drawn as badges under the element (after the import when one is
   * under way), with a legend.
   */
  showCounts(json) {
    const shown = JSON.parse(json || '{}');
    this._counts = shown.counts || [];
    this._countsLegend = shown.legend || {};
    if (!this._importing) {
      this._drawCounts();
    }
  }

  _drawCounts() {
    if (!this._bpmn) {
      return;
    }
    const overlays = this._bpmn.get('overlays');
    const registry = this._bpmn.get('elementRegistry');
    overlays.remove({ type: 'refinery-counts' });
    this._drawCountsLegend();
    (this._counts || []).forEach((c) => {
      const element = registry.get(c.elementId);
      if (!element || element.waypoints) {
        return;
      }
      const html = document.createElement('div');
      html.className = 'rbm-counts';
      html.title = c.title || '';
      [['running', c.running], ['finished', c.finished], ['incidents', c.incidents]].forEach(([kind, n]) => {
        if (n > 0) {
          const badge = document.createElement('span');
          badge.className = 'rbm-count rbm-count-' + kind;
          badge.textContent = String(n);
          html.append(badge);
        }
      });
      if (html.childElementCount > 0) {
        // readable however far the diagram is zoomed out
        overlays.add(element.id, 'refinery-counts', { position: { bottom: 8, left: -6 }, scale: { min: 1 }, html });
      }
    });
  }

  /** What the badge colours mean, in the canvas' lower left corner while there are badges. */
  _drawCountsLegend() {
    if (this._legend) {
      this._legend.remove();
      this._legend = null;
    }
    if (!(this._counts || []).length) {
      return;
    }
    const legend = document.createElement('div');
    legend.className = 'rbm-counts-legend';
    ['running', 'finished', 'incidents'].forEach((kind) => {
      const badge = document.createElement('span');
      badge.className = 'rbm-count rbm-count-' + kind;
      badge.textContent = 'n';
      const text = document.createElement('span');
      text.textContent = (this._countsLegend || {})[kind] || kind;
      legend.append(badge, text);
    });
    this._canvas.append(legend);
    this._legend = legend;
  }

  lint() {
    if (this._bpmn && !this._readOnly) {
      this._bpmn.get('linting').update();
    }
  }

  // ------------------------------------------------------------------ internals

  _create(readOnly) {
    if (this._bpmn && this._readOnly === readOnly) {
      this._bpmn.clear();
      return;
    }
    if (this._bpmn) {
      this._bpmn.destroy();
      this._properties.replaceChildren();
    }
    this._readOnly = readOnly;
    this.toggleAttribute('read-only', readOnly);
    if (readOnly) {
      this._bpmn = new NavigatedViewer({
        container: this._canvas,
        moddleExtensions: { camunda: camundaModdle },
        additionalModules: [MinimapModule, translateModule(() => this._texts.language)]
      });
      return;
    }
    this._bpmn = new Modeler({
      container: this._canvas,
      keyboard: { bind: true },
      propertiesPanel: { parent: this._properties },
      elementTemplates: this._templates,
      linting: { bpmnlint: lintConfig, active: true },
      moddleExtensions: { camunda: camundaModdle },
      additionalModules: [
        BpmnPropertiesPanelModule,
        BpmnPropertiesProviderModule,
        CamundaPlatformPropertiesProviderModule,
        CamundaBehaviorsModule,
        ElementTemplatesPropertiesProviderModule,
        ElementTemplateChooserModule,
        CreateAppendAnythingModule,
        CreateAppendElementTemplatesModule,
        DatasetStepsModule,
        MinimapModule,
        LintModule,
        translateModule(() => this._texts.language)
      ]
    });
    this._bpmn.get('datasetStepLabels').set(this._texts.steps);
    this._bpmn.get('elementTemplatesLoader').setTemplates(this._templates);
    const eventBus = this._bpmn.get('eventBus');
    eventBus.on('linting.completed', (event) => this._lintCompleted(event.issues));
    eventBus.on('commandStack.changed', () => this._changedSoon());
    eventBus.on('selection.changed', (event) => {
      const selected = event.newSelection && event.newSelection[0];
      this.dispatchEvent(new CustomEvent('element-selected', { detail: { id: selected ? selected.id : '' } }));
    });
  }

  _editor(service, fn) {
    if (this._bpmn && !this._readOnly) {
      fn(this._bpmn.get(service));
    }
  }

  _zoomBy(factor) {
    if (this._bpmn) {
      const canvas = this._bpmn.get('canvas');
      canvas.zoom(Math.max(0.1, Math.min(4, canvas.zoom() * factor)));
    }
  }

  _lintCompleted(issues) {
    const list = [];
    Object.keys(issues || {}).forEach((shownOn) => {
      issues[shownOn].forEach((issue) => {
        list.push({
          elementId: issue.actualElementId || issue.id,
          shownOn,
          rule: issue.rule,
          category: issue.category,
          message: issue.message
        });
      });
    });
    this._lastLint = list;
    this.dispatchEvent(new CustomEvent('lint-changed', { detail: { json: JSON.stringify(list) } }));
  }

  _changedSoon() {
    clearTimeout(this._timer);
    this._timer = setTimeout(() => this._flushChange(), CHANGE_DELAY_MS);
  }

  _flushChange() {
    if (this._timer !== null) {
      clearTimeout(this._timer);
      this._timer = null;
      this.dispatchEvent(new CustomEvent('diagram-changed'));
    }
  }

  _clearServerProblems() {
    if (this._bpmn && this._serverOverlays.length) {
      const overlays = this._bpmn.get('overlays');
      this._serverOverlays.forEach((id) => overlays.remove(id));
      (this._serverMarked || []).forEach((id) => this._bpmn.get('canvas').removeMarker(id, 'rbm-has-server-problem'));
    }
    this._serverOverlays = [];
    this._serverMarked = [];
  }

  _focusCanvas() {
    const svg = this._canvas.querySelector('svg');
    if (svg) {
      svg.focus({ preventScroll: true });
    }
  }

  _flash(id) {
    const canvas = this._bpmn.get('canvas');
    canvas.addMarker(id, 'rbm-flash');
    setTimeout(() => canvas.hasMarker(id, 'rbm-flash') && canvas.removeMarker(id, 'rbm-flash'), 1500);
  }
}

if (!customElements.get('refinery-bpmn-modeler')) {
  customElements.define('refinery-bpmn-modeler', RefineryBpmnModeler);
}
