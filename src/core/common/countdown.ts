/**
 * A length of time as a person reads a countdown: "4分39秒", "39秒", "1小时02分". Never a clock
 * time: "请在04:39前" reads as either, so countdowns always say what is left.
 */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.ceil(totalSeconds))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const sec = s % 60
  const two = (n: number) => String(n).padStart(2, '0')
  if (h) return `${h}小时${two(m)}分`
  if (m) return `${m}分${two(sec)}秒`
  return `${sec}秒`
}

/**
 * Seconds left of a span the server measured (`seconds` at the moment its answer arrived,
 * `receivedAt` on this phone's clock). Counting from the server's number, not from a stored
 * instant, keeps the countdown right when the phone's clock is wrong.
 */
export const secondsLeft = (seconds: number, receivedAt: number, now: number) => Math.max(0, seconds - Math.floor((now - receivedAt) / 1000))
