import { getPaper, listPapers, type Paper } from '../../shared/model'
import { exportCounts, webAnnotationsOf } from '../../shared/export/web-annotation'
import type { GroupView } from './create-group-view'

/**
 * The files of the export page, made on this device from its copy of the group, so that they
 * can be made offline too. BibTeX goes through citation-js, which is loaded only when asked for.
 */

/** A file to save: its name, and its bytes as the browser will save them. */
export interface ExportFile {
  name: string
  blob: Blob
}

/** A name (a group's, a tag's) in a file name: lowercase ASCII words joined by hyphens. */
export function fileStem(name: string, fallback: string): string {
  const stem = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
  return stem || fallback
}

/** How many annotations and comments the annotations file of `paperIds` holds. */
export function annotationCounts(view: GroupView, paperIds: readonly string[]) {
  return exportCounts(view.doc, paperIds)
}

/** The annotations and threads of `paperIds`, as W3C Web Annotation JSON-LD. */
export function annotationsFile(view: GroupView, stem: string, paperIds: string[]): ExportFile {
  const collection = webAnnotationsOf(view.doc, {
    groupId: view.groupId,
    paperIds,
    generated: new Date(),
  })
  return {
    name: `${stem}-annotations.jsonld`,
    blob: new Blob([`${JSON.stringify(collection, null, 2)}\n`], { type: 'application/ld+json' }),
  }
}

/** The papers `paperIds` as a BibTeX file, for a reference manager, with `tags` by paper id. */
export async function libraryFile(
  view: GroupView,
  stem: string,
  paperIds: string[],
  tags: ReadonlyMap<string, readonly string[]>,
): Promise<ExportFile> {
  const { papersToBibtex } = await import('../../shared/export/bibtex')
  const papers = paperIds
    .map((id) => getPaper(view.doc, id))
    .filter((paper): paper is Paper => paper !== undefined)
  return {
    name: `${stem}.bib`,
    // Keys are given over the whole library, so a paper's key is the same in every export.
    blob: new Blob([papersToBibtex(papers, listPapers(view.doc), tags)], {
      type: 'application/x-bibtex',
    }),
  }
}

/** Hands `file` to the browser to save, as a download. */
export function saveFile(file: ExportFile): void {
  const url = URL.createObjectURL(file.blob)
  const link = document.createElement('a')
  link.href = url
  link.download = file.name
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  // After the click has handed the file over; a later tick, as some browsers read it then.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
