// Hands an XML text to the browser as a file download (Export of the BPMN and DMN editors).
export function downloadXml(xml, fileName) {
  const url = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return xml.length;
}
