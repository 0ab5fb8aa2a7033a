import { capData, chartOption, shortLabel } from '../../src/staff/components/chartOption'

describe('chart options (what ECharts is asked to draw)', () => {
  test('more categories than fit are cut to the first ones plus 其他, and the total stays the same', () => {
    const data = Array.from({ length: 11 }, (_, i) => ({ label: `类${i}`, value: i + 1 }))
    const cut = capData(data, 8)
    expect(cut).toHaveLength(8)
    expect(cut.slice(0, 7).map((d) => d.label)).toEqual(['类0', '类1', '类2', '类3', '类4', '类5', '类6'])
    expect(cut[7]).toEqual({ label: '其他', value: 8 + 9 + 10 + 11 })
    expect(cut.reduce((s, d) => s + d.value, 0)).toBe(data.reduce((s, d) => s + d.value, 0))
    expect(capData(data.slice(0, 3), 8)).toEqual(data.slice(0, 3))
  })

  test('long labels are shortened with an ellipsis, counting characters not bytes', () => {
    expect(shortLabel('食品销售')).toBe('食品销售')
    expect(shortLabel('住宿和餐饮业个体户')).toBe('住宿和餐饮…')
  })

  test('a bar chart: categories on x, values as bars, drawn without animation; a line keeps every month', () => {
    const o = chartOption({ kind: 'bar', title: 't', data: [{ label: '甲', value: 3 }, { label: '乙', value: 0 }] }) as any
    expect(o.animation).toBe(false)
    expect(o.xAxis.data).toEqual(['甲', '乙'])
    expect(o.series[0]).toMatchObject({ type: 'bar', data: [3, 0] })
    const months = Array.from({ length: 12 }, (_, i) => ({ label: `${i + 1}月`, value: i }))
    const line = chartOption({ kind: 'line', title: 't', data: months }) as any
    expect(line.series[0].data).toHaveLength(12)
  })

  test('a pie: named slices with the unit in the label; care mode draws larger text', () => {
    const o = chartOption({ kind: 'pie', title: 't', unit: '户', data: [{ label: '生存型', value: 5 }] }, 16) as any
    expect(o.series[0].data).toEqual([{ name: '生存型', value: 5 }])
    expect(o.series[0].label.formatter({ name: '生存型', value: 5 })).toBe('生存型 5户')
    expect(o.textStyle.fontSize).toBe(16)
  })
})
