import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Canvas } from './canvas/Canvas';
import { useOpeningView } from './canvas/use-opening-view';
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
import { DocumentTitle } from './panels/DocumentTitle';
import { ErrorMessage } from './panels/ErrorMessage';
import { Inspector } from './panels/Inspector';
import { FoldButton, FoldRail } from './panels/FoldRail';
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
  const { fitView } = useReactFlow();
  const fileInput = useRef<HTMLInputElement>(null);
  const files = useFileCommands(fileInput);
  const [tab, setTab] = useState<'inspector' | 'training'>('inspector');
  const [lessonsOpen, setLessonsOpen] = useState(false);
  // While a lesson is open the palette and the inspector fold to narrow strips, so the lesson's graph
  // has the room at a readable zoom; the learner may unfold either beside the lesson.
  const [besideLesson, setBesideLesson] = useState({ palette: false, inspector: false });
  const paletteFolded = lessonsOpen && !besideLesson.palette;
  const sidebarFolded = lessonsOpen && !besideLesson.inspector;
  const showBesideLesson = (panel: 'palette' | 'inspector', shown: boolean) => setBesideLesson((b) => ({ ...b, [panel]: shown }));
  const [welcomeOpen, setWelcomeOpen] = useState(() => welcomeAtStart());
  const lessons = useLessonRunner();
  const { name, dirty } = useGraph(useShallow((s) => ({ name: s.name, dirty: s.dirty })));
  const view = useTrainingSession((s) => s.view);

  useEffect(() => {
    document.title = t('windowTitle', { dirty: dirty ? '• ' : '', name });
  }, [name, dirty, t]);

  useOpeningView();

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
        {/* The open graph's name heads the view, where it has the room the toolbar's commands need. */}
        <div className="view-bar">
          <ViewTabs />
          <DocumentTitle />
        </div>
        {view === 'training' && <TrainingWorkspace />}
        <div
          className={`workspace${lessonsOpen ? ' with-lessons' : ''}${paletteFolded ? ' palette-folded' : ''}${sidebarFolded ? ' sidebar-folded' : ''}`}
          style={view === 'canvas' ? undefined : { display: 'none' }}
        >
        {paletteFolded ? (
          <FoldRail side="left" label={t('panels.palette')} hint={t('panels.unfoldPalette')} testId="palette-unfold" onUnfold={() => showBesideLesson('palette', true)} />
        ) : (
          <div className="palette-column">
            {lessonsOpen && <FoldButton side="left" hint={t('panels.foldPalette')} testId="palette-fold" onFold={() => showBesideLesson('palette', false)} />}
            <Palette />
          </div>
        )}
        <main className="canvas-area">
          <Canvas />
        </main>
        {/* Hidden, not unmounted: closing the panel keeps the lesson where it was. */}
        <div className="lessons-column" hidden={!lessonsOpen}>
          <LessonsPanel runner={lessons} onClose={() => setLessonsOpen(false)} />
        </div>
        <aside className="sidebar">
          {sidebarFolded && <FoldRail side="right" label={t('tabs.inspector')} hint={t('panels.unfoldInspector')} testId="sidebar-unfold" onUnfold={() => showBesideLesson('inspector', true)} />}
          <div className="tabs" hidden={sidebarFolded}>
            {lessonsOpen && <FoldButton side="right" hint={t('panels.foldInspector')} testId="sidebar-fold" onFold={() => showBesideLesson('inspector', false)} />}
            <button className={tab === 'inspector' ? 'active' : ''} onClick={() => setTab('inspector')} data-testid="tab-inspector">
              {t('tabs.inspector')}
            </button>
            <button className={tab === 'training' ? 'active' : ''} onClick={() => setTab('training')} data-testid="tab-training">
              {t('tabs.training')}
            </button>
          </div>
          <div className="sidebar-body" hidden={sidebarFolded}>
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
