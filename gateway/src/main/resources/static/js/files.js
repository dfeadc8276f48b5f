// Files the API serves (receipts, evidence): fetched as the signed-in person, then handed to the browser to save.
import { callApi } from './api.js';

/**
 * The name a Content-Disposition header gives (its UTF-8 form first).
 *
 * @param {string | null} disposition
 */
function fileNameOf(disposition) {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition || '');
  if (encoded) {
    return decodeURIComponent(encoded[1]);
  }
  const plain = /filename="([^"]+)"/i.exec(disposition || '');
  return plain ? plain[1] : 'download';
}

/**
 * Downloads path and saves it as name (null: the name the server gives); answers the fetch Response, whose ok says
 * whether anything was saved.
 *
 * @param {string} path
 * @param {string | null} name
 * @param {string} [accept]
 * @returns {Promise<Response>}
 */
export async function saveDownload(path, name, accept) {
  const answer = await callApi(path, { raw: true, accept: `${accept || '*/*'}, application/problem+json` });
  if (!answer.ok) {
    return answer;
  }
  const url = URL.createObjectURL(await answer.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name || fileNameOf(answer.headers.get('Content-Disposition'));
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return answer;
}
