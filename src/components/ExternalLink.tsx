/**
 * An official website, in the browser (H5): a real link that opens in a new tab. The mini-program
 * cannot open outside websites, so ExternalLink.weapp.tsx shows the address with a 复制 button.
 */
export function ExternalLink({ url, id }: { url: string; id?: string }) {
  return (
    <a className='link ext-link__url' id={id} href={url} target='_blank' rel='noopener noreferrer'>
      {url.replace(/^https:\/\//, '')}
    </a>
  )
}
