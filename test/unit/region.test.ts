import { regionPrefix, within } from '../../src/core/region/code'
import { citiesOf, codeFromText, countiesOf, isCounty, regionName } from '../../src/core/region/names'

describe('regions as GB/T 2260 codes', () => {
  test('names from the dataset, a direct-administered city named once', () => {
    expect(regionName('330302')).toBe('浙江省温州市鹿城区')
    expect(regionName('330300')).toBe('浙江省温州市')
    expect(regionName('620702')).toBe('甘肃省张掖市甘州区')
    expect(regionName('110101')).toBe('北京市东城区')
    expect(regionName('999999')).toBe('')
  })

  test('within: a county is in its city and province, not in a neighbour', () => {
    expect(regionPrefix('330000')).toBe('33')
    expect(regionPrefix('330300')).toBe('3303')
    expect(within('330302', '330300')).toBe(true)
    expect(within('330302', '330000')).toBe(true)
    expect(within('330302', '330302')).toBe(true)
    expect(within('330102', '330300')).toBe(false)
    expect(within('420102', '330000')).toBe(false)
    expect(within(null, '330300')).toBe(false)
    expect(within('浙江省温州市鹿城区', '330300')).toBe(false)
  })

  test('old free text migrates to one code, with or without the province; ambiguity gives none', () => {
    expect(codeFromText('浙江省温州市鹿城区')).toBe('330302')
    // the case the issue names: typed without 浙江省, it must not lose the match
    expect(codeFromText('温州市鹿城区')).toBe('330302')
    expect(codeFromText('浙江省温州市')).toBe('330300')
    expect(codeFromText('甘肃省张掖市甘州区')).toBe('620702')
    expect(codeFromText('湖北省武汉市')).toBe('420100')
    // 鼓楼区 exists in several cities: not one place
    expect(codeFromText('鼓楼区')).toBeNull()
    expect(codeFromText('火星')).toBeNull()
  })

  test('the picker columns and county check', () => {
    expect(citiesOf('330000').map((c) => c.name)).toContain('温州市')
    expect(countiesOf('330300').map((c) => c.code)).toContain('330302')
    expect(isCounty('330302')).toBe(true)
    expect(isCounty('330300')).toBe(false)
  })
})
