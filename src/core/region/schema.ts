import { z } from '../zod'
import { isCounty, isKnownRegion } from './names'

/** A county's code, as WeChat's region picker (and the H5 one) returns it: where a stall is. */
export const countyCodeSchema = z.string().refine(isCounty, '请选择所在地区（省、市、区县）')

/** Any known division (a province, city or county): where a policy applies, a regulator works. */
export const areaCodeSchema = z.string().refine(isKnownRegion, '请选择地区')
