import { contactId, DEPARTMENTS, enclosingRegions, NO_ACT, type Contact, type Department, type PolicyAct } from '../../src/core/policy/act'
import type { Output } from '../../src/core/common/action'
import type { Contracts } from '../../src/core/contracts'
import { within } from '../../src/core/region/code'
import { regionName } from '../../src/core/region/names'
import type { Condition } from '../../src/core/policy/rules'
import { cmd, type Db } from '../common/ports'

/** One office's contact details, kept by staff for one department in one region. `_id` = department:region. */
export interface ContactDoc extends Contact {
  _id: string
  createdAt: string
  /** the staff member who last saved it */
  updatedBy: string
}

export const contacts = (db: Db) => db.collection<ContactDoc>('officeContacts')

export type ContactOut = Output<Contracts['policy.contact.save']>

export function toContact(d: ContactDoc): ContactOut {
  return {
    id: d._id,
    department: d.department,
    departmentName: DEPARTMENTS[d.department],
    region: d.region,
    regionName: regionName(d.region),
    office: d.office,
    phone: d.phone,
    address: d.address,
    hours: d.hours,
    online: d.online,
    note: d.note,
    updatedAt: d.updatedAt,
    updatedBy: d.updatedBy
  }
}

/** Every contact that could serve `region` for these departments: one read by id. */
export async function contactsFor(db: Db, ask: readonly Department[], region: string | null): Promise<ContactDoc[]> {
  const ids = ask.flatMap((d) => enclosingRegions(region).map((r) => contactId(d, r)))
  if (!ids.length) return []
  return contacts(db).find({ _id: cmd.in(ids) }, { limit: ids.length })
}

/**
 * The place an owner's contacts are looked up for: their own region where the policy applies
 * there (or applies anywhere); else the policy's own region, so a 武汉 measure shows 武汉's office.
 */
export function contactRegion(p: { conditions: readonly Condition[] }, ownerRegion: string | null): string | null {
  const areas = p.conditions.flatMap((c) => (c.fact === 'region' ? [c.value] : []))
  if (ownerRegion && areas.every((a) => within(ownerRegion, a))) return ownerRegion
  return areas.sort((a, b) => b.replace(/0+$/, '').length - a.replace(/0+$/, '').length)[0] ?? null
}

/** What the staff editor shows and sends: the library's quotes stay on the server. */
export function staffAct(act: PolicyAct | null | undefined) {
  const a = act ?? NO_ACT
  return {
    ask: [...a.ask],
    online: a.online.map((o) => ({ name: o.name, url: o.url })),
    materials: a.materials.map((m) => ({ text: m.text })),
    actions: [...a.actions],
    scale: a.scale
  }
}

/**
 * A staff edit of how to act: what they kept unchanged keeps the document's quote and our note;
 * anything new or changed is theirs and carries neither (a quote is never typed in).
 */
export function mergeAct(before: PolicyAct | null | undefined, input: ReturnType<typeof staffAct>): PolicyAct {
  const old = before ?? NO_ACT
  return {
    ask: input.ask,
    online: input.online.map((o) => {
      const same = old.online.find((x) => x.name === o.name && x.url === o.url)
      return { name: o.name, url: o.url, quote: same?.quote ?? null, note: same?.note ?? null }
    }),
    materials: input.materials.map((m) => {
      const same = old.materials.find((x) => x.text === m.text)
      return { text: m.text, quote: same?.quote ?? null, note: same?.note ?? null }
    }),
    actions: input.actions,
    scale: input.scale
  }
}
