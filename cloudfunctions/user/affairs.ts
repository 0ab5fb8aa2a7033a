import dayjs from 'dayjs'
import { APPLICATION_STATUSES, type ApplicationStatus } from '../../src/core/loan/status'
import { bankName, LOAN_PRODUCTS } from '../../src/core/loan/products'
import { PERMIT_TYPES } from '../../src/core/reminder/permitTypes'
import type { Affairs } from '../../src/core/user/contract'
import { OPEN_STALL_REQUEST } from '../../src/core/user/stall'
import { complaints, OPEN_STATUSES } from '../complaint/store'
import type { Context } from '../common/context'
import { cmd } from '../common/ports'
import { certificates } from '../course/store'
import { permits } from '../reminder/store'
import { myRequestView, stallRequests } from './stalls'

/** The few fields of a loan application 我的办事 reads (the loan function owns the rest). */
interface ApplicationRow {
  _id: string
  openid: string
  bankId: string
  productId: string
  status: ApplicationStatus
  createdAt: string
}

/**
 * 我的办事 (#14: 我的 did not gather the owner's own business): each of the owner's threads as a
 * count or its latest state, in one call. Every read is by the owner's openid on an indexed field,
 * all at once, so the call costs one round of queries however much the owner has.
 */
export async function affairs(ctx: Context): Promise<Affairs> {
  const db = ctx.db
  const openid = ctx.openid
  const [open, total, [loan], certificate, owned, favorites, [request]] = await Promise.all([
    complaints(db).count({ openid, status: cmd.in([...OPEN_STATUSES]) }),
    complaints(db).count({ openid }),
    db.collection<ApplicationRow>('loanApplications').find({ openid }, { orderBy: [['createdAt', 'desc']], limit: 1 }),
    certificates(db).get(openid),
    // an owner keeps a handful of permits; 100 is far above any real count
    permits(db).find({ openid }, { orderBy: [['expiresOn', 'asc']], limit: 100 }),
    db.collection('policyMarks').count({ openid, favorite: true }),
    stallRequests(ctx).find({ openid, status: cmd.in(OPEN_STALL_REQUEST) }, { orderBy: [['createdAt', 'desc']], limit: 1 })
  ])
  const today = dayjs(ctx.today)
  const expired = owned.filter((p) => p.expiresOn < ctx.today).length
  const next = owned.find((p) => p.expiresOn >= ctx.today)
  return {
    complaints: { open, total },
    loan: loan
      ? {
          bankName: bankName(loan.bankId) ?? '银行',
          productName: LOAN_PRODUCTS.find((p) => p.id === loan.productId)?.name ?? '贷款',
          statusLabel: APPLICATION_STATUSES[loan.status] ?? '已提交',
          createdAt: loan.createdAt
        }
      : null,
    certificate: certificate ? { serial: certificate.serial, issuedAt: certificate.issuedAt } : null,
    permits: {
      count: owned.length,
      expired,
      nearest: next
        ? {
            name: next.type === 'other' ? next.name : (PERMIT_TYPES[next.type]?.label ?? next.name),
            expiresOn: next.expiresOn,
            daysLeft: dayjs(next.expiresOn).diff(today, 'day')
          }
        : null
    },
    favorites,
    stallRequest: request ? myRequestView(request) : null
  }
}
