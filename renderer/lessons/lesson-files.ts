import { loadLessons, type Lesson } from '../../app/lessons/schema';

// Lesson files are bundled as text (a new file under assets/lessons/ is a new lesson) and parsed
// here, so a file that does not parse is refused by name while the others load.
const files = import.meta.glob<string>('../../assets/lessons/*.json', { eager: true, query: '?raw', import: 'default' });

export interface LessonLibrary {
  readonly lessons: readonly Lesson[];
  readonly problems: readonly { file: string; message: string }[];
}

let library: LessonLibrary | undefined;

export function lessonLibrary(): LessonLibrary {
  library ??= loadLessons(Object.fromEntries(Object.entries(files).map(([path, text]) => [path.split('/').pop()!, text])));
  return library;
}
