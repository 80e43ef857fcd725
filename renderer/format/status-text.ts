import type { TFunction } from 'i18next';
import { describeTensor } from '../../app/graph/describe-tensor';
import { getOp, hasOp } from '../../app/ops/registry';
import { formatShape } from '../../app/tensor/format-shape';
import type { Message } from '../../app/i18n/messages';
import type { Tensor } from '../../app/tensor/tensor';
import { opTitle } from '../i18n/op-text';
import { documentName } from './document-name';
import { exampleLabel } from './example-words';
import { messageText } from './message-text';
import { problemText } from './problem-text';
import type { ErrorNote, PortTensors, SaidRef, StatusMessage, StatusValue } from '../store/status-message';

/** The status line in the UI language: the message's key with its values, each written in that language too. */
export function statusText(t: TFunction, message: StatusMessage): string {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.values ?? {})) values[name] = valueText(t, value);
  return t(message.key, values);
}

function valueText(t: TFunction, value: StatusValue): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if ('said' in value) return saidText(t, value);
  if ('label' in value) return exampleLabel(t, value.label);
  if ('document' in value) return documentName(value.document, t);
  if ('kind' in value) return hasOp(value.kind) ? opTitle(t, getOp(value.kind)) : value.kind;
  return portsText(t, value);
}

/** The error line in the UI language, as a sentence. */
export function errorText(t: TFunction, note: ErrorNote): string {
  const text = typeof note === 'string' ? note : statusText(t, note);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const isList = (said: Message | readonly Message[]): said is readonly Message[] => Array.isArray(said);

/** What app/ said; about a node on screen, that node by its name in the UI language, then the rest of the sentence. */
function saidText(t: TFunction, { said, at }: SaidRef): string {
  if (isList(said)) return said.map((one) => saidText(t, { said: one, at })).join('\n');
  // A message that names its node says it the way the problems list does; `at` names the others.
  if (!at || said.params?.nodeKind !== undefined) return messageText(t, said);
  const rest = problemText(said, t, { omitNode: true });
  const text = /^[A-Z][a-z]/.test(rest) ? rest.charAt(0).toLowerCase() + rest.slice(1) : rest;
  return t('status:atNode', { node: valueText(t, at), text });
}

/** "220" for a single output, "∂x 1.1, ∂y 1.1" for several ports or gradients. */
function portsText(t: TFunction, { ports }: PortTensors): string {
  if (ports.length === 0) return t('status:nothing');
  if (ports.length === 1 && !ports[0].name.startsWith('∂')) return tensorText(t, ports[0].tensor);
  return ports.map((p) => `${p.name} ${tensorText(t, p.tensor)}`).join(', ');
}

/** A few numbers as they are; a larger tensor by its size, in words of the UI language. */
function tensorText(t: TFunction, tensor: Tensor): string {
  if (tensor.shape.length === 0 || (tensor.data.length <= 6 && tensor.shape.length <= 2)) return describeTensor(tensor);
  if (tensor.shape.length === 1) return t('status:tensorValues', { count: tensor.shape[0] });
  return t('status:tensorShape', { shape: formatShape(tensor.shape) });
}
