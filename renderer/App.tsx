import { ReactFlowProvider, useNodesInitialized, useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Canvas } from './canvas/Canvas';
import { readableViewport } from './canvas/readable-fit';
import { explainedEdgeOfNode } from './explain/ContextMenu';
import { isLanguage } from '../app/i18n/languages';
import { commandFromMenu, type CommandId } from '../app/commands';
import { commandForKey } from './commands';
import { setLanguage } from './i18n';
import { RecoveryOffer } from './files/RecoveryOffer';
import { SaveAsDialog } from './files/SaveAsDialog';
import { useFileCommands } from './files/use-file-commands';
import { LessonsPanel } from './lessons/LessonsPanel';
import { lessonLibrary } from './lessons/lesson-files';
import { useLessonRunner } from './lessons/use-lesson-runner';
import { WelcomeDialog } from './welcome/WelcomeDialog';
import { welcomeAtStart } from './welcome/welcome-state';
import { ErrorMessage } from './panels/ErrorMessage';
import { Inspector } from './panels/Inspector';
import { Palette } from './panels/Palette';
import { StatusBar } from './panels/StatusBar';
import { Toolbar } from './panels/Toolbar';
import { TrainingPanel } from './panels/TrainingPanel';
import { TrainingWorkspace } from './training/TrainingWorkspace';
import { ViewTabs } from './training/ViewTabs';
import { useTrainingSession } from './training/training-session';
import { useApi, useGraph, useGraphStoreApi } from './store/store-context';

/** Keys a text field keeps for itself even with Ctrl held (editing its own text). */
const FIELD_KEYS: ReadonlySet<CommandId> = new Set(['undo', 'redo', 'copy', 'paste', 'selectAll', 'delete', 'stepForward', 'stepBackward', 'rewindStep', 'reset', 'fitView', 'explain']);

function isTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

function Studio() {
  const { t, i18n } = useTranslation('common');
  const api = useApi();
  const store = useGraphStoreApi();
  const { fitView, getNodesBounds, setViewport, getNodes } = useReactFlow();
  const fileInput = useRef<HTMLInputElement>(null);
  const files = useFileCommands(fileInput);
  const [tab, setTab] = useState<'inspector' | 'training'>('inspector');
  const [lessonsOpen, setLessonsOpen] = useState(false);
  const [welcomeOpen, setWelcomeOpen] = useState(() => welcomeAtStart());
  const lessons = useLessonRunner();
  const { name, dirty } = useGraph(useShallow((s) => ({ name: s.name, dirty: s.dirty })));
  const view = useTrainingSession((s) => s.view);

  useEffect(() => {
    document.title = t('windowTitle', { dirty: dirty ? '• ' : '', name });
  }, [name, dirty, t]);

  // Fit the view to each opened document once React Flow has measured its nodes; never while editing.
  const loadCount = useGraph((s) => s.loadCount);
  const empty = useGraph((s) => s.nodes.length === 0);
  const nodesMeasured = useNodesInitialized();
  const [fittedLoad, setFittedLoad] = useState(0);
  useEffect(() => {
    if (loadCount === fittedLoad) return;
    if (empty) setFittedLoad(loadCount);
    else if (nodesMeasured) {
      setFittedLoad(loadCount);
      const pane = document.querySelector('.react-flow');
      if (pane) void setViewport(readableViewport(getNodesBounds(getNodes()), pane.clientWidth, pane.clientHeight));
      else void fitView({ padding: 0.15, maxZoom: 1 });
    }
  }, [loadCount, fittedLoad, empty, nodesMeasured, fitView, getNodesBounds, getNodes, setViewport]);

  const run = useCallback(
    (command: CommandId) => {
      const s = store.getState();
      switch (command) {
        case 'new': return files.newFile();
        case 'open': return void files.open();
        case 'save': return void files.save();
        case 'saveAs': return void files.saveAs();
        case 'undo': return s.undo();
        case 'redo': return s.redo();
        case 'copy': return s.copy();
        case 'paste': return s.paste();
        case 'selectAll': return s.selectAll();
        case 'delete': return s.deleteSelected();
        case 'stepForward': return void s.stepForward();
        case 'stepBackward': return void s.stepBackward();
        case 'rewindStep': return void s.rewindStep();
        case 'explain': {
          const selected = s.edges.filter((e) => e.selected);
          const selectedNodes = s.nodes.filter((n) => n.selected);
          const edgeId = s.hoveredEdgeId ?? (selected.length === 1 ? selected[0].id : selectedNodes.length === 1 ? explainedEdgeOfNode(s.edges, selectedNodes[0].id) ?? null : null);
          return edgeId ? s.explain(edgeId) : undefined;
        }
        case 'runForward': return void s.runForward();
        case 'runBackward': return void s.runBackward();
        case 'reset': return s.reset();
        case 'fitView': return void fitView({ padding: 0.2, maxZoom: 1.2 });
      }
    },
    [store, files, fitView],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const command = commandForKey(e);
      if (!command) return;
      if (isTextField(e.target) && FIELD_KEYS.has(command)) return;
      e.preventDefault();
      run(command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run]);

  useEffect(
    () =>
      api.onMenuCommand((name) => {
        const command = commandFromMenu(name);
        if (command) run(command);
        else if (name.startsWith('example:')) void files.openExample(name.slice('example:'.length));
        else if (name === 'lessons') setLessonsOpen(true);
        else if (name === 'welcome') setWelcomeOpen(true);
        else if (name.startsWith('language:')) {
          const language = name.slice('language:'.length);
          if (isLanguage(language)) setLanguage(language);
        }
      }),
    [api, run, files],
  );

  // The native menu (Electron) follows the UI language.
  const language = i18n.language;
  useEffect(() => {
    if (isLanguage(language)) api.setLanguage(language).catch(() => undefined);
  }, [api, language]);

  // Closing or reloading with unsaved changes asks first: the browser's own prompt, or in Electron
  // the dialog main shows on 'will-prevent-unload'.
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (store.getState().dirty) e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [store]);

  const startFirstLesson = () => {
    setWelcomeOpen(false);
    setLessonsOpen(true);
    const first = lessonLibrary().lessons[0];
    if (first) lessons.start(first);
  };

  return (
    <div className="app">
      <Toolbar
        run={run}
        openExample={(file) => void files.openExample(file)}
        lessonsOpen={lessonsOpen}
        toggleLessons={() => setLessonsOpen((open) => !open)}
        showWelcome={() => setWelcomeOpen(true)}
      />
      <ErrorMessage />
      <div className="view-area">
        <ViewTabs />
        {view === 'training' && <TrainingWorkspace />}
        <div className={lessonsOpen ? 'workspace with-lessons' : 'workspace'} style={view === 'canvas' ? undefined : { display: 'none' }}>
        <Palette />
        <main className="canvas-area">
          <Canvas />
        </main>
        {/* Hidden, not unmounted: closing the panel keeps the lesson where it was. */}
        <div className="lessons-column" hidden={!lessonsOpen}>
          <LessonsPanel runner={lessons} onClose={() => setLessonsOpen(false)} />
        </div>
        <aside className="sidebar">
          <div className="tabs">
            <button className={tab === 'inspector' ? 'active' : ''} onClick={() => setTab('inspector')} data-testid="tab-inspector">
              {t('tabs.inspector')}
            </button>
            <button className={tab === 'training' ? 'active' : ''} onClick={() => setTab('training')} data-testid="tab-training">
              {t('tabs.training')}
            </button>
          </div>
          <div className="sidebar-body">
            <div hidden={tab !== 'inspector'}>
              <Inspector />
            </div>
            <div hidden={tab !== 'training'}>
              <TrainingPanel />
            </div>
          </div>
        </aside>
      </div>
      </div>
      <StatusBar />
      {welcomeOpen && (
        <WelcomeDialog
          onStartLesson={startFirstLesson}
          onOpenExample={() => {
            setWelcomeOpen(false);
            void files.openExample('01-apple.json');
          }}
          onEmpty={() => {
            setWelcomeOpen(false);
            files.newFile();
          }}
          onClose={() => setWelcomeOpen(false)}
        />
      )}
      <SaveAsDialog />
      <RecoveryOffer />
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        data-testid="open-file-input"
        style={{ display: 'none' }}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void files.openPicked(file);
        }}
      />
    </div>
  );
}

export function App() {
  return (
    <ReactFlowProvider>
      <Studio />
    </ReactFlowProvider>
  );
}
