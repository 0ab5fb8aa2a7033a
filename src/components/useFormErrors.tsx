import { Text } from '@tarojs/components'
import { useCallback, useState } from 'react'
import { ApiError, errorMessage } from '../services/api'
import { Notice } from './ui'

const MISSING = '还有几项没填好，请看标红的地方'

/**
 * A form's errors: one message per field (shown under it as `#error-<field>`), and one for the
 * form (`#form-error`). Client-side checks and the server's field details land in the same place.
 */
export function useFormErrors() {
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  /** sets (or with '' clears) one field's message */
  const setError = useCallback((field: string, message: string) => setErrors((e) => ({ ...e, [field]: message })), [])
  /** shows what the client found missing; true when there is nothing and the form may be sent */
  const check = (missing: Record<string, string>) => {
    setFormError(null)
    if (!Object.keys(missing).length) return true
    setErrors(missing)
    setFormError(MISSING)
    return false
  }
  /** a refused or failed call: the server's field messages, and its message for the form */
  const fail = (err: unknown) => {
    if (err instanceof ApiError) setErrors(err.fieldErrors())
    setFormError(errorMessage(err))
  }
  const fieldError = (field: string) => (errors[field] ? <Text className='field-error' id={`error-${field}`}>{errors[field]}</Text> : null)
  // "some fields are missing" goes away with the last red field: fixing them is the answer to it
  const shown = formError === MISSING && !Object.values(errors).some(Boolean) ? null : formError
  const formNotice = shown ? <Notice tone='error'><Text id='form-error'>{shown}</Text></Notice> : null
  return { setError, check, fail, setFormError, fieldError, formNotice }
}
