/** An instant as China wall-clock time "10:25" (same day) or "11月21日 10:25". */
export function clock(iso: string, now = new Date()) {
  const china = (d: Date) => new Date(d.getTime() + 8 * 3600_000)
  const d = china(new Date(iso))
  const pad = (n: number) => String(n).padStart(2, '0')
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
  return d.toISOString().slice(0, 10) === china(now).toISOString().slice(0, 10) ? time : `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${time}`
}
