import { createContext, useContext } from 'solid-js'

/**
 * True inside the PDF reader: an annotation made on a page is shown there (a button brings
 * it into view), whereas the paper's page links to it in the reader.
 */
export const InPdfReader = createContext(false)

/** Whether the calling component is inside the PDF reader. */
export function useInPdfReader(): boolean {
  return useContext(InPdfReader)
}
