import { resolve } from 'node:path'
import { WEAPP_IGNORES } from '../../scripts/deploy'

/**
 * Runs miniprogram-ci's offline checks on dist/weapp and prints what they found as JSON, for
 * test/build/miniprogram-ci.test.ts. A process of its own because miniprogram-ci's compiler leaves
 * a file watcher and a forked compiler running that nothing in its API closes (its CLI exits the
 * process too); here we simply exit when done.
 *
 * One thing is stubbed: the project attributes (`CIProject.attr()`, which calls
 * ci/projectattr.js getProjectAttr → POST servicewechat.com/wxa/ci/getattr, signed with the upload
 * key). It needs the network and a real key, which tests have neither of; CIProject uses an `attr`
 * function given in its options instead, and we give it miniprogram-ci's own DefaultProjectAttr (the
 * value it falls back to when WeChat answers an error). Nothing else is replaced. The compile also
 * asks servicewechat.com for the file-extension white list; offline that request fails at once and
 * miniprogram-ci logs it and uses its built-in list.
 */
const ci = require('miniprogram-ci')
const { DefaultProjectAttr } = require('miniprogram-ci/dist/config/config')
const qualityOptions = require('miniprogram-ci/dist/ci/utils/qualitycheckoption').default as { checkList: Array<{ name: string; level: number }> }

async function run() {
  let attrCalls = 0
  const project = new ci.Project({
    appid: 'touristappid',
    type: 'miniProgram',
    // the repository root: its project.config.json points miniprogramRoot at dist/weapp, as the deploy passes it
    projectPath: resolve('.'),
    // signs only network requests, and the one that would be sent (attr) is stubbed
    privateKey: 'offline-test-key',
    ignores: WEAPP_IGNORES,
    attr: async () => {
      attrCalls++
      return DefaultProjectAttr
    }
  })
  const appJson = await ci.getAppJSON(project)
  const level = new Map(qualityOptions.checkList.map((c) => [c.name, c.level]))
  const quality = ((await ci.checkCodeQuality(project)) as Array<{ name: string; success: boolean; text: string }>).map((r) => ({ ...r, level: level.get(r.name) }))
  const files = (await ci.getCompiledResult({ project, setting: { es6: false, minify: false } })) as Record<string, string | Buffer>
  return { miniprogramRoot: project.miniprogramRoot, appJson, quality, files: Object.keys(files), compiledAppJson: JSON.parse(String(files['app.json'])), attrCalls }
}

run().then(
  (r) => {
    process.stdout.write('\n@@RESULT@@' + JSON.stringify(r) + '\n')
    process.exit(0)
  },
  (err) => {
    console.error(err)
    process.exit(1)
  }
)
