(function(){
var Q=JSON.parse(document.getElementById('qc-quotes').textContent);
var R=JSON.parse(document.getElementById('qc-threads').textContent);
var L=JSON.parse(document.getElementById('qc-labels').textContent);
var PAGE=100;
function el(tag,cls,text){var e=document.createElement(tag);if(cls)e.className=cls;
if(text!==undefined)e.textContent=text;return e;}
function quote(id){var q=Q[id];if(!q)return null;var d=el('div','quote '+q[5]);
var who=el('span','who',q[0]+(q[1]?' ('+q[1]+')':''));d.appendChild(who);
var code=L.codes[q[6]]||q[6],pol=L.polarities[q[5]]||q[5];
d.appendChild(el('span','where',' \u2014 '+q[2]+', '+L.turn+' '+q[3]+' \u00b7 '+code+' \u00b7 '+pol));
d.appendChild(el('q','',q[4]));if(q[7])d.appendChild(el('div','where',L.summary+': '+q[7]));
return d;}
function thread(th){var d=el('div','thread');d.appendChild(el('h4','',th.label+' \u2014 '+th.state));
th.messages.forEach(function(m){var p=el('div','msg');p.appendChild(el('b','',m[0]));
p.appendChild(document.createTextNode(' ('+m[1]+'): '+m[2]));d.appendChild(p);});return d;}
function toggle(td){var tr=td.parentNode;var next=tr.nextElementSibling;
var was=td.classList.contains('open');
tr.parentNode.querySelectorAll('td.open').forEach(function(x){x.classList.remove('open');});
if(next&&next.classList.contains('qc-panel'))next.remove();if(was)return;
td.classList.add('open');var row=el('tr','qc-panel');var cell=el('td');
cell.colSpan=tr.children.length;var ids=td.getAttribute('data-c').split(',').filter(Boolean);
var th=td.getAttribute('data-t');if(th&&R[th])R[th].forEach(function(x){cell.appendChild(thread(x));});
cell.appendChild(el('div','note',L.quotes.replace('{n}',ids.length)));
fill(cell,ids);row.appendChild(cell);tr.parentNode.insertBefore(row,tr.nextSibling);}
function fill(box,ids){var shown=Math.min(ids.length,PAGE);
ids.slice(0,shown).forEach(function(id){var q=quote(id);if(q)box.appendChild(q);});
if(shown<ids.length){var more=el('button','more',L.more.replace('{n}',ids.length-shown));
more.addEventListener('click',function(e){e.stopPropagation();more.remove();
ids.slice(shown).forEach(function(id){var q=quote(id);if(q)box.appendChild(q);});});
box.appendChild(more);}}
document.addEventListener('click',function(e){var td=e.target.closest('td[data-c]');
if(td)toggle(td);});
document.querySelectorAll('details[data-e]').forEach(function(d){
d.addEventListener('toggle',function(){if(!d.open||d.dataset.done)return;d.dataset.done='1';
fill(d,d.getAttribute('data-e').split(',').filter(Boolean));});});
})();
