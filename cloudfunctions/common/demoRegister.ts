/**
 * The local demo's register of 个体工商户 (鹿城区), as the registration system would export it:
 * a CSV the local seed imports through the same rules as a regulator's file
 * (src/core/register/rows.ts). It covers the two demo owners (same credit codes and names as their
 * profiles, so verification finds them) and businesses that never joined (the visit list), one of
 * them cancelled. Local demo only: the names and places are made up.
 */
import { creditCodeCheckChar } from '../../src/core/user/creditCode'

const code = (body9: string) => {
  const first17 = `92330302${body9}`
  return first17 + creditCodeCheckChar(first17)
}

/** One row per business: code body, name, operator, address, date, status, market. */
const ROWS: Array<[string, string, string, string, string, string, string]> = [
  ['MA2H7K3L1', '鹿城区张记面馆', '张建国', '鹿城区东门街88号东门农贸市场A-01', '2019-05-01', '存续（在营、开业、在册）', '东门农贸市场'],
  ['MA5N2P8Q4', '鹿城区小李水果店', '李晓明', '鹿城区东门街88号东门农贸市场A-02', '2026-09-10', '存续（在营、开业、在册）', '东门农贸市场'],
  ['MA3C4D5E6', '鹿城区王阿姨早餐店', '王秀英', '鹿城区东门街88号东门农贸市场A-05', '2021-03-15', '存续（在营、开业、在册）', '东门农贸市场'],
  ['MA6F7G8H9', '鹿城区陈记五金店', '陈志强', '鹿城区南塘路16号城南小商品市场B-02', '2017-11-20', '在业', '城南小商品市场'],
  ['MA7J8K9L2', '鹿城区老周修鞋铺', '周德福', '鹿城区南塘路16号城南小商品市场B-03', '2015-06-08', '存续', '城南小商品市场'],
  ['MA8M9N2P3', '鹿城区刘家小炒', '刘海波', '鹿城区东门街90号', '2018-09-01', '注销', ''],
  ['MA9Q2R3T4', '鹿城区阿芳服装店', '林芳', '鹿城区五马街12号', '2023-04-18', '存续（在营、开业、在册）', '']
]

export const DEMO_REGISTER_CSV =
  '统一社会信用代码,名称,经营者姓名,经营场所,成立日期,登记状态,所属市场\n' +
  ROWS.map(([body, ...rest]) => [code(body), ...rest].join(',')).join('\n') +
  '\n'

/** The demo owners' codes as the register has them (for tests and the verification slice). */
export const DEMO_REGISTER_CODES = ROWS.map(([body]) => code(body))
