import type { typesetMath } from './typeset-math'

let loading: Promise<typeof typesetMath> | undefined

/**
 * The math typesetter, fetched on first use: KaTeX, its CSS and fonts are a large chunk that a
 * group whose notes have no math never needs. A failed fetch (offline before it was cached) is
 * forgotten so that the next note with math tries again; until then the TeX shows as text.
 */
export function loadKatex(): Promise<typeof typesetMath> {
  loading ??= import('./typeset-math').then(
    (module) => module.typesetMath,
    (error: unknown) => {
      loading = undefined
      throw error
    },
  )
  return loading
}
