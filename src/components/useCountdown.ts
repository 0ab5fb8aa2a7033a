import { useEffect, useState } from 'react'
import { secondsLeft } from '../core/common/countdown'

/** A span the server measured: `seconds` left when its answer arrived at `at` (this phone's ms clock). */
export interface Countdown {
  seconds: number
  at: number
}

/** Starts a countdown from the server's number of seconds (a new object restarts it, even with the same number). */
export const countdownFrom = (seconds: number): Countdown => ({ seconds, at: Date.now() })

/**
 * Seconds left of a countdown, ticking once a second until 0 (null when there is none). Counting
 * from the server's number keeps it right on a phone whose clock is off.
 */
export function useCountdown(c: Countdown | null): number | null {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!c) return
    setNow(Date.now())
    const timer = setInterval(() => {
      const t = Date.now()
      setNow(t)
      if (secondsLeft(c.seconds, c.at, t) <= 0) clearInterval(timer)
    }, 1000)
    return () => clearInterval(timer)
  }, [c])
  return c ? secondsLeft(c.seconds, c.at, now) : null
}
