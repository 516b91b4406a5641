import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  ConflictError,
  MAX_AGENDA,
  ModelError,
  NotFoundError,
  ValidationError,
  addPaper,
  addToAgenda,
  closeRound,
  createMeeting,
  createRound,
  deleteMeeting,
  getMeeting,
  listMeetings,
  meetingNotes,
  observeGroup,
  readLibrary,
  readMeeting,
  removeFromAgenda,
  restoreMeeting,
  setBallot,
  setPresenter,
  updateMeeting,
} from '../../../shared/model'
import { notesName, pairKey, roots } from '../../../shared/model/keys'
import { ADA, BEN, CAY, groupWithPapers, later, paperInput, replicaOf } from '../../fixtures/group'
import { canonical, syncAll } from '../../helpers/replicas'
import { refused } from '../../helpers/refused'

const at = later

const setup = groupWithPapers

const papersOf = (doc: Y.Doc, meetingId: string) =>
  readMeeting(doc, meetingId)!.agenda.map((item) => item.paperId)

describe('planning meetings', () => {
  it('plans a meeting with papers picked by hand, in the order given, each once', () => {
    const { doc, a, b, c } = setup()
    const meeting = createMeeting(doc, ADA, {
      date: '2026-03-20',
      title: ' Spring  kickoff ',
      papers: [c, a, c, b],
    })
    expect(readMeeting(doc, meeting.id)).toEqual({
      meeting: {
        id: meeting.id,
        date: '2026-03-20',
        title: 'Spring kickoff',
        createdBy: 'ada',
        created: ADA.now,
      },
      agenda: [{ paperId: c }, { paperId: a }, { paperId: b }],
    })
  })

  it("takes a closed round's best papers, in the group ranking's order, before hand-picked ones", () => {
    const { doc, a, b, c, d } = setup()
    const round = createRound(doc, ADA, { title: 'Next?', candidates: [a, b, c] })
    setBallot(doc, ADA, round.id, [c, b, a])
    setBallot(doc, BEN, round.id, [c, a, b])
    setBallot(doc, CAY, round.id, [b, c, a])
    refused(doc, ConflictError, () =>
      createMeeting(doc, ADA, { date: '2026-03-20', roundId: round.id, count: 2 }),
    )
    closeRound(doc, ADA, round.id)
    const meeting = createMeeting(doc, BEN, {
      date: '2026-03-20',
      roundId: round.id,
      count: 2,
      papers: [d, c],
    })
    expect(papersOf(doc, meeting.id)).toEqual([c, b, d])
    expect(getMeeting(doc, meeting.id)?.roundId).toBe(round.id)
    const all = createMeeting(doc, BEN, { date: '2026-03-27', roundId: round.id })
    expect(papersOf(doc, all.id)).toEqual([c, b, a])
  })

  it('refuses bad input with a clear error and writes nothing', () => {
    const { doc, a } = setup()
    for (const date of ['2026-03', '2026-02-30', 'next week', '', 20260320]) {
      refused(doc, ValidationError, () => createMeeting(doc, ADA, { date, papers: [a] } as never))
    }
    refused(doc, NotFoundError, () =>
      createMeeting(doc, ADA, { date: '2026-03-20', papers: ['2401.99999'] }),
    )
    refused(doc, NotFoundError, () =>
      createMeeting(doc, ADA, { date: '2026-03-20', roundId: 'no-such-round' }),
    )
    refused(doc, ValidationError, () =>
      createMeeting(doc, ADA, { date: '2026-03-20', title: 'x'.repeat(1001) }),
    )
    const many = Array.from(
      { length: 21 },
      (_, i) => addPaper(doc, ADA, paperInput({ title: `Extra ${i}` })).paper.id,
    )
    refused(doc, ValidationError, () =>
      createMeeting(doc, ADA, { date: '2026-03-20', papers: many }),
    )
    refused(doc, ModelError, () =>
      createMeeting(doc, { memberId: 'stranger' }, { date: '2026-03-20' }),
    )
  })

  it("lists meetings by date, and the library shows each paper's meetings", () => {
    const { doc, a, b } = setup()
    const later = createMeeting(doc, ADA, { date: '2026-04-02', papers: [a] })
    const sooner = createMeeting(doc, BEN, { date: '2026-03-20', papers: [a, b] })
    expect(listMeetings(doc).map((view) => view.meeting.id)).toEqual([sooner.id, later.id])
    const library = new Map(readLibrary(doc).map((entry) => [entry.paper.id, entry.meetings]))
    expect(library.get(a)).toEqual([
      { id: sooner.id, date: '2026-03-20' },
      { id: later.id, date: '2026-04-02' },
    ])
    expect(library.get(b)).toEqual([{ id: sooner.id, date: '2026-03-20' }])
  })
})

describe('changing a meeting', () => {
  it('keeps a date change and a title change made at the same time by two members', () => {
    const { doc, a } = setup()
    const meeting = createMeeting(doc, ADA, { date: '2026-03-20', title: 'Kickoff', papers: [a] })
    const ben = replicaOf(doc)
    updateMeeting(doc, at(ADA, 10), meeting.id, { date: '2026-03-27' })
    updateMeeting(ben, at(BEN, 10), meeting.id, { title: 'Kickoff, moved' })
    syncAll([doc, ben])
    for (const replica of [doc, ben]) {
      expect(getMeeting(replica, meeting.id)).toMatchObject({
        date: '2026-03-27',
        title: 'Kickoff, moved',
      })
    }
    refused(doc, ValidationError, () => updateMeeting(doc, ADA, meeting.id, { date: '27/03' }))
    refused(doc, NotFoundError, () => updateMeeting(doc, ADA, 'nope', { title: 'x' }))
  })

  it('adds and removes agenda papers, each once, whoever added them', () => {
    const { doc, a, b, c } = setup()
    const meeting = createMeeting(doc, ADA, { date: '2026-03-20', papers: [a] })
    expect(addToAgenda(doc, at(BEN, 1), meeting.id, b)).toBe(b)
    expect(addToAgenda(doc, at(CAY, 2), meeting.id, b)).toBe(b)
    expect(papersOf(doc, meeting.id)).toEqual([a, b])
    expect(removeFromAgenda(doc, CAY, meeting.id, a)).toBe(true)
    expect(removeFromAgenda(doc, CAY, meeting.id, c)).toBe(false)
    expect(papersOf(doc, meeting.id)).toEqual([b])
  })

  it('puts a paper on the agenda once when two members add it concurrently', () => {
    const { doc, a, b } = setup()
    const meeting = createMeeting(doc, ADA, { date: '2026-03-20', papers: [a] })
    const ben = replicaOf(doc)
    addToAgenda(doc, at(ADA, 5), meeting.id, b)
    addToAgenda(ben, at(BEN, 5), meeting.id, b)
    syncAll([doc, ben])
    expect(papersOf(doc, meeting.id)).toEqual([a, b])
    expect(canonical(doc)).toBe(canonical(ben))
  })

  it('chooses a presenter per agenda paper; replicas settle on one choice', () => {
    const { doc, a, b, c } = setup()
    const meeting = createMeeting(doc, ADA, { date: '2026-03-20', papers: [a, b] })
    setPresenter(doc, ADA, meeting.id, a, 'ben')
    expect(readMeeting(doc, meeting.id)!.agenda[0]).toEqual({ paperId: a, presenter: 'ben' })
    const cay = replicaOf(doc)
    setPresenter(doc, at(ADA, 100), meeting.id, a, 'ada')
    setPresenter(cay, at(CAY, 1), meeting.id, a, 'cay')
    syncAll([doc, cay])
    const settled = readMeeting(doc, meeting.id)!.agenda
    expect(readMeeting(cay, meeting.id)!.agenda).toEqual(settled)
    expect(['ada', 'cay']).toContain(settled[0]?.presenter)
    expect(settled[1]).toEqual({ paperId: b })
    refused(doc, ValidationError, () => setPresenter(doc, ADA, meeting.id, c, 'ben'))
    refused(doc, NotFoundError, () => setPresenter(doc, ADA, meeting.id, b, 'stranger'))
    setPresenter(doc, at(ADA, 200), meeting.id, a, null)
    expect(readMeeting(doc, meeting.id)!.agenda[0]).toEqual({ paperId: a })
  })

  it('forgets the presenter of a paper taken off, even one chosen at the same moment', () => {
    const { doc, a, b } = setup()
    const meeting = createMeeting(doc, ADA, { date: '2026-03-20', papers: [a, b] })
    const ben = replicaOf(doc)
    removeFromAgenda(doc, at(ADA, 10), meeting.id, a)
    setPresenter(ben, at(BEN, 10), meeting.id, a, 'ben')
    syncAll([doc, ben])
    expect(papersOf(doc, meeting.id)).toEqual([b])
    addToAgenda(doc, at(ADA, 20), meeting.id, a)
    syncAll([doc, ben])
    for (const replica of [doc, ben]) {
      expect(readMeeting(replica, meeting.id)!.agenda).toEqual([{ paperId: b }, { paperId: a }])
    }
  })

  it('adds after the last paper whatever the clock says, or back in its place on undo', () => {
    const { doc, a, b, c } = setup()
    const meeting = createMeeting(doc, ADA, { date: '2026-03-20', papers: [a, b] })
    // Ben's device is an hour behind Ada's.
    addToAgenda(doc, { memberId: 'ben', now: ADA.now! - 3_600_000 }, meeting.id, c)
    expect(papersOf(doc, meeting.id)).toEqual([a, b, c])
    removeFromAgenda(doc, ADA, meeting.id, a)
    addToAgenda(doc, ADA, meeting.id, a, ADA.now)
    expect(papersOf(doc, meeting.id)).toEqual([a, b, c])
    refused(doc, ValidationError, () => addToAgenda(doc, ADA, meeting.id, a, -1))
  })

  it('shows at most MAX_AGENDA papers when members fill the agenda at the same time', () => {
    const { doc } = setup()
    const ids = Array.from(
      { length: MAX_AGENDA + 1 },
      (_, i) => addPaper(doc, ADA, paperInput({ title: `Extra ${i}` })).paper.id,
    )
    const meeting = createMeeting(doc, ADA, {
      date: '2026-03-20',
      papers: ids.slice(0, MAX_AGENDA - 1),
    })
    const ben = replicaOf(doc)
    addToAgenda(doc, at(ADA, 50), meeting.id, ids[MAX_AGENDA - 1]!)
    addToAgenda(ben, at(BEN, 50), meeting.id, ids[MAX_AGENDA]!)
    syncAll([doc, ben])
    expect(papersOf(doc, meeting.id)).toHaveLength(MAX_AGENDA)
    expect(papersOf(ben, meeting.id)).toEqual(papersOf(doc, meeting.id))
  })
})

describe('meeting notes', () => {
  it('merges what two members type into the notes at the same time', () => {
    const { doc, a } = setup()
    const meeting = createMeeting(doc, ADA, { date: '2026-03-20', papers: [a] })
    const ben = replicaOf(doc)
    meetingNotes(doc, meeting.id)!.insert(0, 'Ada: start with the method.\n')
    meetingNotes(ben, meeting.id)!.insert(0, 'Ben: bring questions.\n')
    syncAll([doc, ben])
    const text = meetingNotes(doc, meeting.id)!.toString()
    expect(text).toBe(meetingNotes(ben, meeting.id)!.toString())
    expect(text).toContain('Ada: start with the method.\n')
    expect(text).toContain('Ben: bring questions.\n')
    expect(meetingNotes(doc, 'unknown')).toBeUndefined()
  })

  it('does not wake the group readers for keystrokes in the notes, only for other changes', () => {
    const { doc, a, b } = setup()
    const meeting = createMeeting(doc, ADA, { date: '2026-03-20', papers: [a] })
    const remote = replicaOf(doc)
    let calls = 0
    const stop = observeGroup(doc, () => (calls += 1))
    meetingNotes(doc, meeting.id)!.insert(0, 'typed here')
    meetingNotes(remote, meeting.id)!.insert(0, 'typed there')
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)))
    expect(calls).toBe(0)
    addToAgenda(doc, ADA, meeting.id, b)
    expect(calls).toBe(1)
    stop()
  })

  it('refuses to delete a meeting whose notes hold text, deletes it once they are clear, and restores it', () => {
    const { doc, a } = setup()
    const meeting = createMeeting(doc, ADA, { date: '2026-03-20', papers: [a] })
    setPresenter(doc, ADA, meeting.id, a, 'ben')
    updateMeeting(doc, ADA, meeting.id, { title: 'Oops' })
    const notes = meetingNotes(doc, meeting.id)!
    notes.insert(0, 'Keep me')
    refused(doc, ConflictError, () => deleteMeeting(doc, BEN, meeting.id))
    expect(notes.toString()).toBe('Keep me')
    notes.delete(0, notes.length)
    deleteMeeting(doc, at(BEN, 1), meeting.id)
    expect(readMeeting(doc, meeting.id)?.meeting.deleted).toEqual({ by: 'ben', at: BEN.now! + 1 })
    expect(listMeetings(doc)).toEqual([])
    expect(readLibrary(doc).every((entry) => entry.meetings.length === 0)).toBe(true)
    refused(doc, ConflictError, () => updateMeeting(doc, ADA, meeting.id, { title: 'x' }))
    refused(doc, ConflictError, () => deleteMeeting(doc, ADA, meeting.id))

    restoreMeeting(doc, ADA, meeting.id)
    expect(listMeetings(doc)).toEqual([
      { meeting: getMeeting(doc, meeting.id), agenda: [{ paperId: a, presenter: 'ben' }] },
    ])
    expect(getMeeting(doc, meeting.id)?.title).toBe('Oops')
    expect(getMeeting(doc, meeting.id)).not.toHaveProperty('deleted')
    refused(doc, ConflictError, () => restoreMeeting(doc, ADA, meeting.id))
  })

  it('keeps a meeting, and the notes in it, that one member deleted while another typed', () => {
    const { doc, a } = setup()
    const meeting = createMeeting(doc, ADA, { date: '2026-03-20', papers: [a] })
    const ben = replicaOf(doc)
    deleteMeeting(doc, ADA, meeting.id)
    meetingNotes(ben, meeting.id)!.insert(0, 'Ben, offline: the decisions we took')
    let woken = 0
    const stop = observeGroup(doc, () => (woken += 1))
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(ben, Y.encodeStateVector(doc)))
    stop()
    expect(woken).toBe(1)
    syncAll([doc, ben])
    for (const replica of [doc, ben]) {
      expect(listMeetings(replica).map((view) => view.meeting.id)).toEqual([meeting.id])
      expect(meetingNotes(replica, meeting.id)!.toString()).toBe(
        'Ben, offline: the decisions we took',
      )
    }
  })
})

describe('what a faulty replica stored', () => {
  it('reads past malformed meetings, agenda entries, presenters, edits and notes', () => {
    const { doc, a, b } = setup()
    const meeting = createMeeting(doc, ADA, { date: '2026-03-20', title: 'Kept', papers: [a, b] })
    const r = roots(doc)
    r.meetings.set('bad-date', { date: '<img src=x>', createdBy: 'ada', created: 1 })
    r.meetings.set('not-a-record', 'meeting')
    r.meetingEdits.set(pairKey(meeting.id, 'date'), { value: 'tomorrow', by: 'ben', at: 1 })
    r.meetingEdits.set(pairKey(meeting.id, 'title'), { value: 42, by: 'ben', at: 1 })
    r.agenda.set(pairKey(meeting.id, 'unknown-paper'), { addedBy: 'ben', addedAt: 0 })
    r.agenda.set(pairKey(meeting.id, a), 'junk')
    r.presenters.set(pairKey(meeting.id, b), { memberId: 'stranger', by: 'ben', at: 1 })
    doc.getMap(notesName(meeting.id))
    expect(listMeetings(doc)).toEqual([
      {
        meeting: { ...getMeeting(doc, meeting.id)!, date: '2026-03-20', title: 'Kept' },
        agenda: [{ paperId: b }],
      },
    ])
    expect(meetingNotes(doc, meeting.id)).toBeUndefined()
    refused(doc, ConflictError, () => deleteMeeting(doc, ADA, meeting.id))
  })
})
