import { describe, expect, it } from 'vitest'
import { render, screen } from '@solidjs/testing-library'
import userEvent from '@testing-library/user-event'
import { createGroupKeys, readKeyOf } from '../../shared/invite'
import { adoptDeviceLink, deviceLinkOf, parseDeviceLink } from '../../client/data/device-link'
import { readJoinedGroups, rememberGroup, rememberGroupName } from '../../client/data/group-list'
import {
  memberSecret,
  readLocalProfile,
  saveLocalProfile,
  type LocalProfile,
} from '../../client/data/local-profile'
import { DevicePage } from '../../client/pages/DevicePage'

const ORIGIN = 'https://margins.example'

/** This device as Ada, in two groups: one with its write key, one read-only. */
function adaWithTwoGroups() {
  const lab = createGroupKeys()
  const club = createGroupKeys()
  rememberGroup(lab.groupId, lab.writeKey)
  rememberGroupName(lab.groupId, 'Lab <b>reading</b> group')
  rememberGroup(club.groupId, readKeyOf(club.writeKey))
  const ada = saveLocalProfile({ name: 'Ada', colour: '#1f77b4' })
  return { lab, club, ada, secret: memberSecret() }
}

/** The data after `#device/` of a link. */
const dataOf = (link: string) => link.slice(link.indexOf('#device/') + '#device/'.length)

/** The data of a device link holding `value` as its JSON. */
const encoded = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

describe('device links', () => {
  it('carry the member, their secret and their groups to another device', () => {
    const { lab, club, ada, secret } = adaWithTwoGroups()
    const link = deviceLinkOf(ORIGIN, ada)
    expect(link.startsWith(`${ORIGIN}/#device/`)).toBe(true)
    localStorage.clear()

    const parsed = parseDeviceLink(dataOf(link))
    expect(parsed?.member).toEqual({ ...ada, secret })
    adoptDeviceLink(parsed!)
    expect(readLocalProfile()).toEqual(ada)
    expect(memberSecret()).toBe(secret)
    const joined = readJoinedGroups()
    expect(joined.find((group) => group.groupId === lab.groupId)).toMatchObject({
      key: lab.writeKey,
      name: 'Lab <b>reading</b> group',
    })
    // Read-only stays read-only on the other device.
    expect(joined.find((group) => group.groupId === club.groupId)?.key).toBe(
      readKeyOf(club.writeKey),
    )
  })

  it('never lets a read key take the place of a write key this device has', () => {
    const { lab, ada } = adaWithTwoGroups()
    const link = parseDeviceLink(dataOf(deviceLinkOf(ORIGIN, ada)))!
    const downgraded = {
      ...link,
      groups: [{ groupId: lab.groupId, key: readKeyOf(lab.writeKey), name: '' }],
    }
    adoptDeviceLink(downgraded)
    expect(readJoinedGroups().find((group) => group.groupId === lab.groupId)?.key).toBe(
      lab.writeKey,
    )
  })

  it('refuses anything that is not a whole, valid device link', () => {
    const { lab, ada, secret } = adaWithTwoGroups()
    const good = {
      v: 1,
      m: ada.memberId,
      n: 'Ada',
      c: '#1f77b4',
      s: secret,
      g: [[lab.groupId, lab.writeKey, 'Lab']],
    }
    expect(parseDeviceLink(encoded(good))).toBeDefined()
    const link = dataOf(deviceLinkOf(ORIGIN, ada))
    for (const bad of [
      link.slice(0, -6),
      'not base64 at all!',
      encoded({ ...good, v: 2 }),
      encoded({ ...good, m: 'short' }),
      encoded({ ...good, s: undefined }),
      encoded({ ...good, c: 'red' }),
      encoded({ ...good, n: '' }),
      encoded({ ...good, n: 'x'.repeat(500) }),
      encoded({ ...good, g: [[lab.groupId, createGroupKeys().writeKey, 'Lab']] }),
      encoded({ ...good, g: [[lab.groupId, lab.writeKey, 42]] }),
      encoded({ ...good, g: 'all' }),
    ]) {
      expect(parseDeviceLink(bad), bad).toBeUndefined()
    }
  })
})

describe('the device page', () => {
  it('asks before this device becomes the link’s member, and says who it was', async () => {
    const { ada } = adaWithTwoGroups()
    const link = dataOf(deviceLinkOf(ORIGIN, ada))
    localStorage.clear()
    const ben = saveLocalProfile({ name: 'Ben', colour: '#ff7f0e' })
    let adopted: LocalProfile | undefined
    render(() => (
      <DevicePage data={link} profile={ben} onAdopted={(profile) => (adopted = profile)} />
    ))
    await screen.findByRole('heading', { name: 'Use this device as Ada?' })
    screen.getByText(/This device is Ben now\. What Ben wrote stays theirs/)
    // The group's name as text, not markup.
    screen.getByText('Lab <b>reading</b> group')
    screen.getByText('Unnamed group')
    expect(readLocalProfile()).toEqual(ben)

    await userEvent.click(screen.getByRole('button', { name: 'Use this device as Ada' }))
    expect(adopted).toEqual(ada)
    expect(readLocalProfile()).toEqual(ada)
    expect(readJoinedGroups()).toHaveLength(2)
  })

  it('says a damaged link is not valid and changes nothing', async () => {
    const ben = saveLocalProfile({ name: 'Ben', colour: '#ff7f0e' })
    render(() => <DevicePage data="eyJ2IjoxfQ" profile={ben} onAdopted={() => undefined} />)
    await screen.findByRole('heading', { name: 'This device link is not valid' })
    expect(readLocalProfile()).toEqual(ben)
    expect(readJoinedGroups()).toEqual([])
  })

  it('shows this member’s link only once asked, with a warning', async () => {
    const { ada } = adaWithTwoGroups()
    render(() => <DevicePage data={undefined} profile={ada} onAdopted={() => undefined} />)
    await screen.findByText(/Whoever has this link can act as you/)
    expect(screen.queryByRole('textbox', { name: 'Your device link' })).toBeNull()
    await userEvent.click(screen.getByRole('button', { name: 'Show my device link' }))
    const field = await screen.findByRole<HTMLInputElement>('textbox', { name: 'Your device link' })
    expect(parseDeviceLink(dataOf(field.value))?.member.memberId).toBe(ada.memberId)
  })
})
