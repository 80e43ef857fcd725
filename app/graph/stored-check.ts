import { messageOf, type Message } from '../i18n/messages';
import { MAX_TENSOR_ELEMENTS } from '../limits';
import type { RegisteredOp } from '../ops/op';
import { formatShape } from '../tensor/format-shape';
import { sameShape, sizeOf, type Tensor } from '../tensor/tensor';
import type { GraphDocument, GraphNode, StoredTensor } from './document';
import { groupDigits, nodeParams, problem, type Problem } from './problems';
import { storedToTensor } from './stored-tensors';

/**
 * The document's stored tensors, decoded and checked the way a run will use them: keyed by an
 * existing Parameter node, within the tensor limit, valid base64 filling the shape. Decoding is
 * remembered per stored tensor object, so compiling an edited document again does not decode again.
 */
const decodedCache = new WeakMap<StoredTensor, Tensor | Message>();

function decode(stored: StoredTensor): Tensor | Message {
  let decoded = decodedCache.get(stored);
  if (decoded === undefined) {
    try {
      decoded = storedToTensor(stored, 'float32');
    } catch (e) {
      decoded = messageOf(e);
    }
    decodedCache.set(stored, decoded);
  }
  return decoded;
}

const isTensor = (decoded: Tensor | Message): decoded is Tensor => 'shape' in decoded;

interface KnownNode {
  readonly node: GraphNode;
  readonly op: RegisteredOp | undefined;
}

export function checkStoredTensors(document: GraphDocument, byId: ReadonlyMap<string, KnownNode>): { tensors: Map<string, Tensor>; problems: Problem[] } {
  const tensors = new Map<string, Tensor>();
  const problems: Problem[] = [];
  for (const [id, stored] of Object.entries(document.tensors ?? {})) {
    const known = byId.get(id);
    if (!known) {
      problems.push(problem('stored_missing_node', { id }));
      continue;
    }
    const node = nodeParams(known.node);
    if (!known.op?.trainable) {
      problems.push(problem('stored_not_trainable', { id, ...node }, { nodeId: id }));
      continue;
    }
    const count = sizeOf(stored.shape);
    if (count > MAX_TENSOR_ELEMENTS) {
      const params = { ...node, shape: formatShape(stored.shape), values: groupDigits(count), limit: groupDigits(MAX_TENSOR_ELEMENTS) };
      problems.push(problem('stored_too_big', params, { nodeId: id }));
      continue;
    }
    const decoded = decode(stored);
    if (isTensor(decoded)) tensors.set(id, decoded);
    else {
      // What the decoder said keeps its code, so the page says it in its language too.
      const said = decoded.code ? { ...decoded.params, reasonCode: decoded.code } : {};
      problems.push(problem('stored_bad_data', { ...said, ...node, reason: decoded.message }, { nodeId: id }));
    }
  }
  return { tensors, problems };
}

/** A stored tensor must have the shape its node makes (a Parameter's rows and columns). */
export function checkStoredShape(node: GraphNode, stored: Tensor | undefined, shape: readonly number[] | undefined): Problem | undefined {
  if (!stored || !shape || sameShape(stored.shape, shape)) return undefined;
  const params = { ...nodeParams(node), stored: formatShape(stored.shape), expected: formatShape(shape) };
  return problem('stored_shape_mismatch', params, { nodeId: node.id });
}
