// The lint rules of the process designer, as the { config, resolver } pair bpmn-js-bpmnlint expects.
//
// A hand-written static resolver (what bpmnlint's StaticResolver does, over the object below) instead of a file packed by `npx bpmnlint-pack-config`: nothing to regenerate. To add a
// rule, write it below (a factory returning { check(node, reporter) }), list it in RULES and give it a text key
// `modeler.lint.<rule>` in messages*.properties; the Java side (ProcessDesignerView) sends the translated texts with
// setTexts() before the first lint, and the problem list translates by rule name too.
//
// Attribute reads like node.get('camunda:topic') need the Camunda moddle, which the modeler registers.
import noDisconnected from 'bpmnlint/rules/no-disconnected';

const texts = {};

/** The texts of the rules' reports in the user's language: { 'external-topic': '...', ... }. */
export function setTexts(map) {
  Object.assign(texts, map || {});
}

function text(rule, fallback) {
  return texts[rule] || fallback;
}

function is(node, type) {
  return node && typeof node.$instanceOf === 'function' && node.$instanceOf(type);
}

function camunda(node, name) {
  const value = typeof node.get === 'function' ? node.get('camunda:' + name) : undefined;
  return typeof value === 'string' ? value.trim() : value;
}

/** serviceTask / sendTask / businessRuleTask / message events with camunda:type="external" need camunda:topic. */
function externalTopic() {
  function externalCarrier(node) {
    if (is(node, 'bpmn:ServiceTask') || is(node, 'bpmn:SendTask') || is(node, 'bpmn:BusinessRuleTask')) {
      return node;
    }
    if (is(node, 'bpmn:MessageEventDefinition')) {
      return node;
    }
    return null;
  }
  return {
    check(node, reporter) {
      const carrier = externalCarrier(node);
      if (!carrier || camunda(carrier, 'type') !== 'external') {
        return;
      }
      if (!camunda(carrier, 'topic')) {
        const id = is(node, 'bpmn:MessageEventDefinition') && node.$parent ? node.$parent.id : node.id;
        reporter.report(id, text('external-topic', 'External task without a topic: no worker will ever fetch it'),
          ['topic']);
      }
    }
  };
}

/** A user task nobody can see: no assignee, no candidate users, no candidate groups. */
function userTaskAssignment() {
  return {
    check(node, reporter) {
      if (!is(node, 'bpmn:UserTask')) {
        return;
      }
      if (!camunda(node, 'assignee') && !camunda(node, 'candidateGroups') && !camunda(node, 'candidateUsers')) {
        reporter.report(node.id, text('user-task-assignment',
          'User task without assignee or candidate groups: it would appear in nobody\'s inbox'), ['candidateGroups']);
      }
    }
  };
}

/** An exclusive gateway that forks: every outgoing flow but the default one needs a condition. */
function gatewayConditions() {
  return {
    check(node, reporter) {
      if (!is(node, 'bpmn:ExclusiveGateway')) {
        return;
      }
      const outgoing = node.outgoing || [];
      if (outgoing.length < 2) {
        return;
      }
      outgoing.forEach((flow) => {
        if (flow !== node['default'] && !flow.conditionExpression) {
          reporter.report(flow.id, text('gateway-conditions',
            'Flow out of an exclusive gateway without a condition (and not the default flow)'), ['conditionExpression']);
        }
      });
    }
  };
}

/** Camunda 7.24 refuses to deploy an executable process without camunda:historyTimeToLive. */
function historyTtl() {
  return {
    check(node, reporter) {
      if (!is(node, 'bpmn:Process') || node.isExecutable === false) {
        return;
      }
      const ttl = camunda(node, 'historyTimeToLive');
      if (ttl === undefined || ttl === null || ttl === '') {
        reporter.report(node.id, text('history-ttl',
          'Process without history time to live (camunda:historyTimeToLive): the engine refuses to deploy it'),
          ['historyTimeToLive']);
      }
    }
  };
}

/** bpmnlint's own rule with our text in the user's language. */
function localized(ruleName, factory) {
  return (config) => {
    const rule = factory(config);
    return {
      ...rule,
      check(node, reporter) {
        const report = reporter.report.bind(reporter);
        return rule.check(node, { report: (id, message, path) => report(id, text(ruleName, message), path) });
      }
    };
  };
}

export const RULES = {
  'no-disconnected': 'error',
  'refinery/external-topic': 'error',
  'refinery/user-task-assignment': 'error',
  'refinery/gateway-conditions': 'error',
  'refinery/history-ttl': 'error'
};

const cache = {
  'rule:bpmnlint/no-disconnected': localized('no-disconnected', noDisconnected),
  'rule:bpmnlint-plugin-refinery/external-topic': externalTopic,
  'rule:bpmnlint-plugin-refinery/user-task-assignment': userTaskAssignment,
  'rule:bpmnlint-plugin-refinery/gateway-conditions': gatewayConditions,
  'rule:bpmnlint-plugin-refinery/history-ttl': historyTtl
};

const resolver = {
  resolveRule(pkg, ruleName) {
    return resolve('rule', pkg, ruleName);
  },
  resolveConfig(pkg, configName) {
    return resolve('config', pkg, configName);
  }
};

function resolve(type, pkg, name) {
  const found = cache[`${type}:${pkg}/${name}`];
  if (!found) {
    throw new Error(`unknown ${type} <${pkg}/${name}>`);
  }
  return found;
}

export default {
  resolver,
  config: { rules: RULES }
};
