import { cloudMain } from '../common/entry'
import fn from './routes'

export const main = cloudMain(fn)
