// The dataset steps (Camunda 7 element templates from the server) as palette entries, and the shim that lets the
// palette and bpmn-js-create-append-anything create an element from a Camunda 7 template.
//
// Only Camunda 8 element templates have elementTemplates.createElement(); with Camunda 7 templates the create/append
// menus throw "createElement is not a function". The shim creates the plain shape and remembers its template; when
// the shape is created on the canvas (palette drop, drop on a flow, append), the template is applied in the same
// command, so one undo removes the whole step.

const PENDING = '__refineryTemplate';

/** The template's id as the element type bpmn-js creates for it. */
function elementType(template) {
  return (template.elementType && template.elementType.value) || (template.appliesTo || [])[0] || 'bpmn:Task';
}

function TemplateCreateShim(eventBus, elementTemplates, elementFactory, bpmnFactory, datasetStepLabels, directEditing,
    selection) {
  const created = new Set();
  if (typeof elementTemplates.createElement !== 'function') {
    elementTemplates.createElement = (template) => {
      const type = elementType(template);
      const businessObject = bpmnFactory.create(type, { name: datasetStepLabels.label(template) });
      const shape = elementFactory.createShape({ type, businessObject });
      shape[PENDING] = template;
      return shape;
    };
  }
  eventBus.on('commandStack.shape.create.postExecuted', (event) => {
    const shape = event.context.shape;
    const template = shape && shape[PENDING];
    if (template) {
      delete shape[PENDING];
      elementTemplates.applyTemplate(shape, template);
      created.add(shape);
    }
  });
  // a step arrives named: show its properties instead of editing its label (bpmn-js does that at priority 500)
  eventBus.on(['create.end', 'autoPlace.end'], 250, (event) => {
    const shape = event.shape || (event.context && event.context.shape);
    if (shape && created.delete(shape)) {
      directEditing.cancel();
      selection.select(shape);
    }
  });
}
TemplateCreateShim.$inject = ['eventBus', 'elementTemplates', 'elementFactory', 'bpmnFactory', 'datasetStepLabels',
  'directEditing', 'selection'];

/** Names of the templates in the user's language, set by Java (template id → label). */
function DatasetStepLabels() {
  this._labels = {};
}
DatasetStepLabels.prototype.set = function(labels) {
  this._labels = labels || {};
};
DatasetStepLabels.prototype.label = function(template) {
  return this._labels[template.id] || template.name;
};
DatasetStepLabels.prototype.isStep = function(template) {
  return Object.prototype.hasOwnProperty.call(this._labels, template.id);
};

/** One palette entry per dataset step, in the order of the template file; drag or click, then drop. */
function DatasetPalette(palette, create, elementTemplates, datasetStepLabels) {
  this._create = create;
  this._elementTemplates = elementTemplates;
  this._labels = datasetStepLabels;
  palette.registerProvider(400, this);
}
DatasetPalette.$inject = ['palette', 'create', 'elementTemplates', 'datasetStepLabels'];

DatasetPalette.prototype.getPaletteEntries = function() {
  const entries = {};
  const templates = this._elementTemplates.getLatest().filter((t) => this._labels.isStep(t));
  templates.forEach((template) => {
    const label = this._labels.label(template);
    const start = (event) => {
      const shape = this._elementTemplates.createElement(template);
      this._create.start(event, shape);
    };
    entries['create.refinery-step.' + template.id] = {
      group: 'refinery-steps',
      className: 'refinery-step-entry',
      title: label,
      html: '<div class="entry refinery-step-entry" draggable="true" data-template="' + escape(template.id) + '">'
        + '<span class="refinery-step-label">' + escape(label) + '</span></div>',
      action: { dragstart: start, click: start }
    };
  });
  return entries;
};

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' })[c]);
}

export default {
  __init__: ['templateCreateShim', 'datasetPalette'],
  datasetStepLabels: ['type', DatasetStepLabels],
  templateCreateShim: ['type', TemplateCreateShim],
  datasetPalette: ['type', DatasetPalette]
};
