import { codeFromText } from '../../src/core/region/names'
import { changedFields, excelSerialDate, findHeader, mapStatus, matchHeader, missingColumns, normalizeRow, parseRegisterDate, type RowRules } from '../../src/core/register/rows'
import { extOf } from '../../src/core/register/fileKind'
import { creditCodeCheckChar } from '../../src/core/user/creditCode'

const code = (region6: string, body9: string) => `92${region6}${body9}` + creditCodeCheckChar(`92${region6}${body9}`)
const RULES: RowRules = { scope: '330302', today: '2026-11-20', markets: [{ id: 'm1', name: '东门农贸市场', region: '330302' }], regionFromText: codeFromText }
const COLS = matchHeader(['统一社会信用代码', '名称', '经营者姓名', '经营场所', '成立日期', '登记状态', '行政区划', '所属市场']).columns

describe('register rows', () => {
  test('status mapping: 存续/在业/开业 active, 注销 cancelled, 吊销 (even 吊销，未注销) revoked, else other', () => {
    expect(['存续', '存续（在营、开业、在册）', '在业', '开业'].map(mapStatus)).toEqual(['active', 'active', 'active', 'active'])
    expect(mapStatus('注销')).toBe('cancelled')
    expect(mapStatus('已注销')).toBe('cancelled')
    expect(mapStatus('吊销，未注销')).toBe('revoked')
    expect(mapStatus('迁出')).toBe('other')
  })

  test('dates: date cells, Excel serials, the common text forms; empty is null; nonsense and impossible days are errors', () => {
    expect(parseRegisterDate(new Date(Date.UTC(2023, 4, 1)))).toEqual({ ok: true, date: '2023-05-01' })
    expect(parseRegisterDate(45047)).toEqual({ ok: true, date: '2023-05-01' })
    expect(excelSerialDate(61)).toBe('1900-03-01')
    for (const s of ['2023-05-01', '2023/5/1', '2023.5.1', '2023年5月1日', '20230501', '2023-05-01 00:00:00', '45047']) expect(parseRegisterDate(s)).toEqual({ ok: true, date: '2023-05-01' })
    expect(parseRegisterDate(20230501)).toEqual({ ok: true, date: '2023-05-01' })
    expect(parseRegisterDate('')).toEqual({ ok: true, date: null })
    expect(parseRegisterDate(null)).toEqual({ ok: true, date: null })
    expect(parseRegisterDate('2023-02-30')).toEqual({ ok: false })
    expect(parseRegisterDate('去年')).toEqual({ ok: false })
  })

  test('headers: variants, a title line above, missing required columns named', () => {
    const h = findHeader([['鹿城区名录'], [], [' 信用代码 ', '字号名称*', '经营者', '住所', '登记日期', '经营状态', '备注']])
    expect(h?.index).toBe(2)
    expect(Object.keys(h!.columns).sort()).toEqual(['address', 'creditCode', 'name', 'operatorName', 'registeredOn', 'status'])
    expect(h!.ignored).toEqual(['备注'])
    expect(findHeader([['甲', '乙']])).toBeNull()
    expect(missingColumns(matchHeader(['统一社会信用代码', '名称']).columns)).toEqual(['经营者姓名', '登记状态'])
  })

  test('a good row is normalised: code upper-cased, region from the code when not given, market by name', () => {
    const c = code('330302', 'MA2H7K3L1')
    const r = normalizeRow([c.toLowerCase(), ' 张记面馆 ', '张建国', '东门街88号', '2019-05-01', '存续', '', '东门农贸市场'], COLS, RULES)
    expect(r).toEqual({ ok: true, row: { creditCode: c, name: '张记面馆', operatorName: '张建国', address: '东门街88号', registeredOn: '2019-05-01', status: 'active', statusText: '存续', region: '330302', marketId: 'm1' } })
  })

  test('bad rows say what is wrong, in Chinese, all problems of the row', () => {
    const c = code('330302', 'MA2H7K3L1')
    const bad = (cells: unknown[], rules = RULES) => {
      const r = normalizeRow(cells, COLS, rules)
      return r.ok ? [] : r.problems.map((p) => `${p.column}:${p.reason}`)
    }
    expect(bad([c.slice(0, 17) + (c[17] === '0' ? '1' : '0'), '店', '人', '', '', '存续'])).toEqual(['统一社会信用代码:信用代码校验不通过（第18位校验码不对）'])
    expect(bad(['', '', '', '', '', ''])).toEqual(['统一社会信用代码:缺少统一社会信用代码', '名称:缺少名称', '经营者姓名:缺少经营者姓名', '登记状态:缺少登记状态'])
    expect(bad([code('330304', 'MA2H7K3L1'), '店', '人', '', '', '存续'])).toEqual(['行政区划:不在您的辖区（浙江省温州市鹿城区）内'])
    expect(bad([c, '店', '人', '', '2027-01-01', '存续'])).toEqual(['成立日期:成立日期晚于今天'])
    expect(bad([c, '店', '人', '', '', '存续', '火星', ''])).toEqual(['行政区划:行政区划“火星”认不出来，请写6位区划代码（如330302）或完整地名'])
    expect(bad([c, '店', '人', '', '', '存续', '', '西门市场'])[0]).toMatch(/^所属市场:没有找到市场“西门市场”/)
    expect(bad([c, '店'.repeat(61), '人', '', '', '存续'])).toEqual(['名称:名称超过60个字'])
    // an admin imports anywhere
    expect(bad([code('330304', 'MA2H7K3L1'), '店', '人', '', '', '存续'], { ...RULES, scope: null })).toEqual([])
  })

  test('only changed fields are written; a file without 所属市场 keeps the stored market', () => {
    const row = { creditCode: 'x', name: '新名', operatorName: '人', address: '', registeredOn: null, status: 'active' as const, statusText: '存续', region: '330302' }
    expect(changedFields(row, { ...row, name: '旧名', marketId: 'm1' })).toEqual({ name: '新名' })
    expect(changedFields({ ...row, marketId: null }, { ...row, marketId: 'm1' })).toEqual({ marketId: null })
  })

  test('file kinds by name', () => {
    expect(['名录.XLSX', 'a.csv', 'b.xls', 'c.pdf', 'noext'].map(extOf)).toEqual(['xlsx', 'csv', 'xls', null, null])
  })
})
