// Why a file named on the command line could not be read, in words: the system's own message
// ("ENOENT: no such file or directory, open …") is English and names the call, not the cause.
import type { Bilingual } from '../../wire/bilingual.js';

const REASONS: Record<string, Bilingual> = {
  ENOENT: { en: 'there is no such file', ru: 'такого файла нет' },
  EACCES: { en: 'no permission to read it', ru: 'нет прав на чтение' },
  EPERM: { en: 'no permission to read it', ru: 'нет прав на чтение' },
  EISDIR: { en: 'it is a folder, not a file', ru: 'это каталог, а не файл' },
  ENOTDIR: { en: 'a part of the path is not a folder', ru: 'часть пути — не каталог' },
  EMFILE: { en: 'too many files are open', ru: 'открыто слишком много файлов' },
};

export function fileProblem(err: unknown): Bilingual {
  const code = (err as NodeJS.ErrnoException | null)?.code ?? '';
  return REASONS[code] ?? { en: `the system said ${code || String(err)}`, ru: `система ответила ${code || String(err)}` };
}
