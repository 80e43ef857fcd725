import { Background, Controls, MiniMap, ReactFlow, useReactFlow, type Connection } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState, type DragEvent, type MouseEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { OpNode } from './OpNode';
import { QuickSearch } from './QuickSearch';
import { ValueEdge } from './ValueEdge';
import { useGraph } from '../store/store-context';
import { ContextMenu, type MenuTarget } from '../explain/ContextMenu';
import { ExplainPanel } from '../explain/ExplainPanel';
import { NumericWarningContext, useComputedNumericWarning } from '../explain/numeric-warning';
import { StepTimeline } from '../explain/StepTimeline';
import { TensorLegend } from '../explain/TensorLegend';
import '../explain/explain.css';

export const PALETTE_MIME = 'application/x-bpstudio-kind';

const nodeTypes = { op: OpNode };

const MINIMAP = { width: 160, height: 100 } as const;

/** Below this width the minimap gives its corner to the step timeline. */
const NARROW_CANVAS = 760;

function useNarrow(ref: RefObject<HTMLElement | null>, below: number): boolean {
  const [narrow, setNarrow] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      // A hidden canvas (the training view) measures 0: keep what it was.
      if (el.clientWidth > 0) setNarrow(el.clientWidth < below);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, below]);
  return narrow;
}
const edgeTypes = { value: ValueEdge };

export function Canvas() {
  const { t } = useTranslation('canvas');
  const { nodes, edges, onNodesChange, onEdgesChange, connect, addNode, beginDrag } = useGraph(
    useShallow((s) => ({
      nodes: s.nodes,
      edges: s.edges,
      onNodesChange: s.onNodesChange,
      onEdgesChange: s.onEdgesChange,
      connect: s.connect,
      addNode: s.addNode,
      beginDrag: s.beginDrag,
    })),
  );
  const { screenToFlowPosition } = useReactFlow();
  const [search, setSearch] = useState<{ x: number; y: number; clientX: number; clientY: number } | null>(null);
  const [menu, setMenu] = useState<MenuTarget | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  const numericWarning = useComputedNumericWarning();
  const canvasRef = useRef<HTMLDivElement>(null);
  const narrow = useNarrow(canvasRef, NARROW_CANVAS);

  const onConnect = useCallback((c: Connection) => void connect(c), [connect]);

  const onDragOver = useCallback((e: DragEvent) => {
    if (e.dataTransfer.types.includes(PALETTE_MIME) || e.dataTransfer.types.includes('text/plain')) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(PALETTE_MIME) || e.dataTransfer.getData('text/plain');
      if (!kind) return;
      e.preventDefault();
      const at = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      addNode(kind, { x: at.x - 60, y: at.y - 30 });
    },
    [addNode, screenToFlowPosition],
  );

  const onDoubleClick = useCallback((e: MouseEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    if (!target.classList.contains('react-flow__pane')) return;
    const box = e.currentTarget.getBoundingClientRect();
    setSearch({ x: e.clientX - box.left, y: e.clientY - box.top, clientX: e.clientX, clientY: e.clientY });
  }, []);

  return (
    <NumericWarningContext.Provider value={numericWarning}>
    <div ref={canvasRef} className={narrow ? 'canvas narrow' : 'canvas'} data-testid="canvas" onDoubleClick={onDoubleClick} onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onNodeDragStart={beginDrag}
        onNodeContextMenu={(e, node) => {
          e.preventDefault();
          setMenu({ kind: 'node', id: node.id, x: e.clientX, y: e.clientY });
        }}
        onEdgeContextMenu={(e, edge) => {
          e.preventDefault();
          setMenu({ kind: 'edge', id: edge.id, x: e.clientX, y: e.clientY });
        }}
        deleteKeyCode={null}
        zoomOnDoubleClick={false}
        minZoom={0.1}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} size={1} color="#d8dde6" />
        {/* Smaller than React Flow's 200×150: the corner it takes is the graph's and its labels' too. */}
        <MiniMap pannable zoomable nodeStrokeWidth={2} style={{ width: MINIMAP.width, height: MINIMAP.height }} />
        <Controls />
      </ReactFlow>
      {nodes.length === 0 && (
        <div className="canvas-hint">
          {t('emptyHint1')}
          <br />
          {t('emptyHint2')}
        </div>
      )}
      {search && (
        <QuickSearch
          x={search.x}
          y={search.y}
          onClose={() => setSearch(null)}
          onPick={(kind) => {
            addNode(kind, screenToFlowPosition({ x: search.clientX, y: search.clientY }));
            setSearch(null);
          }}
        />
      )}
      {menu && <ContextMenu target={menu} onClose={closeMenu} />}
      <ExplainPanel />
      <TensorLegend />
      <StepTimeline />
    </div>
    </NumericWarningContext.Provider>
  );
}
