import {
  addComment,
  editComment,
  setCommentDeleted,
  setThreadResolved,
} from '../../../shared/model'
import type { GroupView } from '../../data/create-group-view'
import type { ThreadHandlers } from '../thread/Discussion'

/**
 * What a discussion does, written through the group's actions: on the paper itself, or on one
 * of its annotations. Each returns whether the write went through, so that a draft stays when not.
 */
export function threadHandlers(
  view: GroupView,
  paperId: () => string,
  annotationId?: () => string,
): ThreadHandlers {
  const run = view.actions.run
  return {
    onReply: (parentId, body) =>
      run((doc, actor) =>
        addComment(doc, actor, {
          paperId: paperId(),
          body,
          ...(parentId === undefined ? {} : { parentId }),
          ...(annotationId === undefined ? {} : { annotationId: annotationId() }),
        }),
      ) !== undefined,
    onEdit: (commentId, body) =>
      run((doc, actor) => editComment(doc, actor, commentId, body)) !== undefined,
    onDelete: (commentId, deleted) =>
      run((doc, actor) => setCommentDeleted(doc, actor, commentId, deleted)) !== undefined,
    onResolve: (rootId, resolved) =>
      run((doc, actor) => setThreadResolved(doc, actor, rootId, resolved)) !== undefined,
  }
}
