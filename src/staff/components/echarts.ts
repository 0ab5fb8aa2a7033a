/**
 * ECharts, only the parts the staff figures draw: bar, pie and line on a canvas. Importing from
 * `echarts/core` lets webpack leave the rest out (the full build is ~1 MB). Lives in the staff
 * sub-package, so owners never download it.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { GridComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([BarChart, LineChart, PieChart, GridComponent, CanvasRenderer])

export { echarts }
