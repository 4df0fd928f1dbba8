/**
 * Re-rendering a flow after a submission: the fields the person typed stay filled in (never the
 * secrets), and the validation messages land on the flow or on their nodes (docs/compatibility.md §2.3).
 */
import type { FlowValidationError } from '../strategies/strategy.ts';
import type { UiContainer, UiNode } from '../ui/node.ts';
import { nodeName, withNodeMessages } from '../ui/nodes.ts';
import { valueAt, type FlowBody } from './body.ts';

/** Input types whose submitted value is never echoed back into the flow. */
const NEVER_ECHOED = new Set(['password', 'hidden', 'submit', 'button']);

/** Typed values by dotted name (`traits.email`), so nested trait fields are kept too. */
export const withSubmittedValues = (nodes: UiNode[], body: FlowBody): UiNode[] =>
  nodes.map((node) => {
    const attrs = node.attributes;
    if (attrs.node_type !== 'input' || NEVER_ECHOED.has(attrs.type)) return node;
    const value = valueAt(body, attrs.name);
    if (value === undefined || (typeof value === 'object' && value !== null)) return node;
    return { ...node, attributes: { ...attrs, value } };
  });

/**
 * The flow's UI after a refused submission: typed values kept, the error's messages shown. A message
 * for a field the form does not draw (e.g. an unknown trait) is shown on the flow, not lost.
 */
export const uiAfterError = (ui: UiContainer, body: FlowBody, err: FlowValidationError): UiContainer => {
  const drawn = new Set(ui.nodes.map(nodeName));
  const orphaned = Object.entries(err.nodeMessages).filter(([name]) => !drawn.has(name)).flatMap(([, messages]) => messages);
  return {
    ...ui,
    messages: [...err.messages, ...orphaned],
    nodes: withNodeMessages(withSubmittedValues(ui.nodes, body), err.nodeMessages),
  };
};

/**
 * What a refused flow shows and stores of the typed values: U+0000 replaced by U+FFFD, since no store
 * keeps it (docs/security.md AS-45) and validation has already refused the value that held it.
 */
export const echoable = <T>(ui: T): T =>
  JSON.parse(JSON.stringify(ui), (_key, value: unknown) => (typeof value === 'string' ? value.replaceAll('\u0000', '\uFFFD') : value)) as T;
